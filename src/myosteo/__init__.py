"""myosteo: an executable, cited model of the muscle-bone-immune system.

Layers (imports flow downward only)::

    cli                      command line (thin)
    diagnosis, validation    criteria engine; trial reproduction
    scenario, outputs        patient + treatments -> tidy tables
    engine                   SBML export, compiled simulation, dosing, batching
    model                    states, parameters, edges, drugs (pure description)
"""

__version__ = "0.1.0"
