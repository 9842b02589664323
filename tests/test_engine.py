"""The batched simulator: events, parallel batches, reproducibility, error reporting."""

import numpy as np
import pytest

from myosteo.engine.simulator import Dose, ParameterChange, Run, SimulationError, Simulator
from myosteo.model.compose import compose
from myosteo.model.core import ModuleBuilder


@pytest.fixture(scope="module")
def pk():
    m = ModuleBuilder("pk", "one-compartment", time_unit="day", default_source="test")
    m.parameter("k", np.log(2) / 2.0, "1/day")  # half-life 2 days
    m.parameter("rate", 0.0, "mg/day", varying=True)
    m.parameter("blowup", 0.0, "1/day")
    m.state("A", 0.0, "mg")
    m.flux("input", "-> A", "rate")
    m.flux("elim", "A ->", "k * A - blowup * A^3")
    return Simulator(compose([m.build()], name="pk_test"))


def test_bolus_decays_with_the_half_life(pk):
    y = pk.simulate([Run(doses=(Dose(1.0, "A", 100.0),))], [0.0, 1.0, 3.0, 5.0], ["A"], n_workers=1)[0, :, 0]
    assert y[0] == 0.0 and y[1] == 0.0  # output at a dose time is taken before the dose
    assert y[2] == pytest.approx(50.0, rel=1e-5)
    assert y[3] == pytest.approx(25.0, rel=1e-5)


def test_infusion_on_and_off(pk):
    run = Run(changes=(ParameterChange(0.0, "rate", 10.0), ParameterChange(10.0, "rate", 0.0)))
    y = pk.simulate([run], [0.0, 10.0, 12.0], ["A"], n_workers=1)[0, :, 0]
    k = np.log(2) / 2.0
    expected = 10.0 / k * (1 - np.exp(-k * 10.0))
    assert y[1] == pytest.approx(expected, rel=1e-5)
    assert y[2] == pytest.approx(expected / 2, rel=1e-5)


def test_parameters_of_one_patient_do_not_leak_into_the_next(pk):
    runs = [Run(parameters={"k": 1.0}, doses=(Dose(0.0, "A", 1.0),)), Run(doses=(Dose(0.0, "A", 1.0),))]
    y = pk.simulate(runs, [0.0, 2.0], ["A"], n_workers=1)[:, -1, 0]
    assert y[0] == pytest.approx(np.exp(-2.0), rel=1e-5)
    assert y[1] == pytest.approx(0.5, rel=1e-5)


def test_initial_states_do_not_remember_the_previous_patient():
    """A state whose initial value is an expression of a parameter starts from *this* run's
    parameters: before session 21 the worker reset the states before restoring the previous run's
    constants, so a patient simulated after a perturbed one started ~1e-4 off (test order changed
    tests/test_crosstalk.py results)."""
    m = ModuleBuilder("init", "initial assignment", time_unit="day", default_source="test")
    m.parameter("b0", 1.0, "mg")
    m.state("B", "b0", "mg")
    m.flux("elim", "B ->", "0.1 * B")
    sim = Simulator(compose([m.build()], name="init_test"))
    y = sim.simulate([Run(), Run(parameters={"b0": 5.0}), Run()], [0.0, 1.0], ["B"], n_workers=1)[:, 0, 0]
    assert list(y) == [1.0, 5.0, 1.0]


def test_parallel_equals_serial_and_is_reproducible(pk):
    runs = [Run(parameters={"k": 0.1 + 0.01 * i}, doses=(Dose(0.0, "A", 10.0),)) for i in range(150)]
    a = pk.simulate(runs, [0.0, 1.0, 7.0], ["A"], n_workers=1)
    b = pk.simulate(runs, [0.0, 1.0, 7.0], ["A"], n_workers=2, chunk_size=16)
    c = pk.simulate(runs, [0.0, 1.0, 7.0], ["A"], n_workers=2, chunk_size=16)
    np.testing.assert_array_equal(b, c)
    np.testing.assert_allclose(a, b, rtol=1e-12)


def test_solver_failure_names_patient_and_time(pk):
    runs = [Run(doses=(Dose(0.0, "A", 1.0),)),
            Run(parameters={"blowup": 1.0}, doses=(Dose(0.0, "A", 10.0),))]
    with pytest.raises(SimulationError, match="patient 1 at t ="):
        pk.simulate(runs, [0.0, 10.0], ["A"], n_workers=1)


def test_bad_requests_are_rejected(pk):
    with pytest.raises(KeyError, match="unknown parameter"):
        pk.simulate([Run(parameters={"nope": 1.0})], [0.0, 1.0], ["A"])
    with pytest.raises(ValueError, match="not finite"):
        pk.simulate([Run(parameters={"k": float("nan")})], [0.0, 1.0], ["A"])
    with pytest.raises(ValueError, match="not declared varying"):
        pk.simulate([Run(changes=(ParameterChange(1.0, "k", 2.0),))], [0.0, 2.0], ["A"])
    with pytest.raises(ValueError, match="invalid dose"):
        pk.simulate([Run(doses=(Dose(1.0, "A", -5.0),))], [0.0, 2.0], ["A"])
    with pytest.raises(KeyError, match="unknown output"):
        pk.simulate([Run()], [0.0, 2.0], ["B"])


def test_models_that_read_the_clock_are_refused():
    m = ModuleBuilder("clock", "reads time", time_unit="day", default_source="test")
    m.state("X", 0.0, "1")
    m.rule("r", "2 * time", "1")
    m.flux("f", "-> X", "r")
    with pytest.raises(ValueError, match="must not use `time`"):
        Simulator(compose([m.build()], name="clock_test"))
