"""Print the model's steady-state DAS28-CRP for a grid of joint drives (untreated woman, 55 y).

The table in ``myosteo.model.disease.RA_DRIVE_TABLE`` comes from this script; rerun it when the
immune module's cytokine or DAS28 parameters change (tests/test_crosstalk.py checks the round trip).
"""

import numpy as np

from myosteo.engine.simulator import ParameterChange, Run
from myosteo.outputs import default_simulator

DRIVES = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.85, 1.0, 1.2, 1.5)


def table() -> list[tuple[float, float]]:
    t0 = (55 - 20) * 365.25
    runs = [Run(parameters={"sex_female": 1.0}, changes=(ParameterChange(t0, "disease_drive_joint", d),), t0=t0)
            for d in DRIVES]
    y = default_simulator().simulate(runs, [0.0, 365.25], ["das28_crp"], n_workers=1)
    return [(d, float(y[i, -1, 0])) for i, d in enumerate(DRIVES)]


if __name__ == "__main__":
    print("RA_DRIVE_TABLE = (" + ", ".join(f"({d:g}, {v:.3f})" for d, v in table()) + ")")
