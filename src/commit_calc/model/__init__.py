"""The game model: parameters, normal-form and extensive-form games, strategy profiles."""

from commit_calc.model.extensive_form import (
    Chance,
    Decision,
    ExtensiveFormGame,
    GameProperties,
    InformationSet,
    Node,
    Terminal,
)
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.parameters import Parameter, Parameters

__all__ = [
    "Chance",
    "Decision",
    "ExtensiveFormGame",
    "GameProperties",
    "InformationSet",
    "Node",
    "NormalFormGame",
    "Parameter",
    "Parameters",
    "Terminal",
]
