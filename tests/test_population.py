"""Between-trial variability as model data, and the draws of virtual trials."""

import numpy as np
import pytest

from myosteo.model.compose import compose
from myosteo.model.core import ModuleBuilder, Variability
from myosteo.model.library import standard_model
from myosteo.model.population import between_trial_draws, varying_between_trials


def _model(log_sd=0.3, bounds=(0.1, 10.0)):
    m = ModuleBuilder("toy", "toy", time_unit="day", default_source="test")
    m.parameter("k", 1.0, "1/day", "test", bounds=bounds, variability=Variability(log_sd, "test arms"))
    m.parameter("c", 2.0, "1", "test")
    m.state("x", 1.0, "1")
    m.ode("x", "-k * x + c")
    return compose([m.build()], name="toy")


def test_draws_have_the_declared_log_sd_and_centre():
    draws = between_trial_draws(_model(0.3), 20000, seed=1)
    logs = np.log([d["k"] for d in draws])
    assert set(draws[0]) == {"k"}  # only parameters with a variability are drawn
    assert abs(logs.mean()) < 0.01
    assert abs(logs.std() - 0.3) < 0.01


def test_draws_are_reproducible_and_seed_dependent():
    a = between_trial_draws(_model(), 5, seed=7)
    assert a == between_trial_draws(_model(), 5, seed=7)
    assert a != between_trial_draws(_model(), 5, seed=8)


def test_draws_stay_within_bounds():
    draws = between_trial_draws(_model(1.0, bounds=(0.5, 2.0)), 2000, seed=3)
    k = np.array([d["k"] for d in draws])
    assert k.min() >= 0.5 and k.max() <= 2.0
    assert len(np.unique(k)) == 2000  # redrawn, not clipped onto the bounds


@pytest.mark.parametrize("n", [0, -1, 2.5, True, "3"])
def test_bad_trial_count_is_named(n):
    with pytest.raises(ValueError, match="n_trials"):
        between_trial_draws(_model(), n, seed=0)


@pytest.mark.parametrize("seed", [-1, 1.5, None])
def test_bad_seed_is_named(seed):
    with pytest.raises(ValueError, match="seed"):
        between_trial_draws(_model(), 3, seed=seed)


@pytest.mark.parametrize("sd", [-0.1, float("nan"), 5.0])
def test_variability_rejects_bad_log_sd(sd):
    with pytest.raises(ValueError, match="log_sd"):
        Variability(sd, "x")


def test_standard_model_carries_the_fitted_spine_rate_variability():
    model = standard_model()
    varying = varying_between_trials(model)
    assert set(varying) == {"k_bmd_lumbar_spine"}
    p = model.parameter_map["k_bmd_lumbar_spine"]
    assert 0.1 < p.variability.log_sd < 0.8
    assert p.variability.source.startswith("fitted to lumbar-spine BMD of the 15 teriparatide")


def test_params_command_lists_the_between_trial_variability(capsys, tmp_path):
    import pandas as pd

    from myosteo.cli import main

    assert main(["params"]) == 0
    assert "between trials: k_bmd_lumbar_spine x exp(eta)" in capsys.readouterr().out
    assert main(["params", "--csv", str(tmp_path / "p.csv")]) == 0
    table = pd.read_csv(tmp_path / "p.csv").set_index("name")
    assert table.loc["k_bmd_lumbar_spine", "between_trial_log_sd"] > 0
    assert table["between_trial_log_sd"].notna().sum() == 1
