"""The standard myosteo model: every module and every drug, composed once."""

from __future__ import annotations

import functools

from myosteo.model.compose import Model, compose
from myosteo.model.core import Module
from myosteo.model.drugs import DRUGS
from myosteo.model.modules import aging_estrogen, bmd, bone_mineral, crosstalk, endocrine, immune, muscle, sclerostin


def bone_modules() -> list[Module]:
    """Bone & mineral physiology without drugs (the bone-only model of the benchmark)."""
    return [bone_mineral.build(), aging_estrogen.build(), sclerostin.build(), bmd.build()]


def physiology_modules() -> list[Module]:
    """Bone, mineral, muscle, immune, endocrine and crosstalk physiology without drugs."""
    return bone_modules() + [muscle.build(), immune.build(), endocrine.build(), crosstalk.build()]


@functools.lru_cache(maxsize=1)
def standard_model() -> Model:
    """Physiology plus every registered drug (one compiled model serves every scenario)."""
    return compose(physiology_modules() + [spec.build() for spec in DRUGS.values()])


BONE_DRUGS = ("denosumab", "teriparatide", "romosozumab", "blosozumab", "zoledronic_acid", "alendronate")


@functools.lru_cache(maxsize=1)
def bone_model() -> Model:
    """Bone & mineral physiology and the bone drugs only (benchmark reference for the cost of the
    muscle module; the standard model gives the same bone outputs)."""
    return compose(bone_modules() + [DRUGS[n].build() for n in BONE_DRUGS], name="myosteo_bone")


MUSCLE_DRUGS = ("bimagrumab", "ly2495655", "testosterone", "enobosarm")


@functools.lru_cache(maxsize=1)
def core_model() -> Model:
    """Bone and muscle with their drugs but without the immune, endocrine and crosstalk layer:
    the reference for "healthy behaviour is unchanged by the crosstalk layer" (tests)."""
    return compose(bone_modules() + [muscle.build()] + [DRUGS[n].build() for n in BONE_DRUGS + MUSCLE_DRUGS],
                   name="myosteo_core")
