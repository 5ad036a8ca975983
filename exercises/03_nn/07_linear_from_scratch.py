# %% [markdown]
# # A Linear layer from scratch
# A layer is an `nn.Module` that holds `nn.Parameter`s. Assigning an `nn.Parameter` to an
# attribute registers it: it then appears in `parameters()`, the state_dict, `.to(device)`
# and the optimizer. A plain tensor attribute does not. Keras' `Dense` keeps its kernel as
# (in, out) and computes `x @ kernel`; PyTorch keeps `weight` as (out, in) and computes
# `x @ weight.T + bias`.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.Linear.html

# %%
import math

import torch
import torch.nn as nn


class LinearFromScratch(nn.Module):
    """``nn.Linear`` by hand: (*, in_features) -> (*, out_features), y = x @ weight.T + bias.

    ``*`` is any number of leading dimensions, none included (x of shape (in_features,)), of any
    size (0 too); ``in_features >= 1``. Parameters: ``weight`` of shape (out_features,
    in_features) and ``bias`` of shape (out_features,). With ``bias=False`` there is no bias
    parameter and ``self.bias`` is None (``self.register_parameter("bias", None)``). Initialise
    both like ``nn.Linear``: uniform in [-k, k] with k = 1 / sqrt(in_features) (the range and
    spread are checked, not the values themselves).
    TensorFlow: a Keras layer calling ``self.add_weight(...)`` in ``build``.
    Example:
        >>> layer = LinearFromScratch(3, 2)
        >>> layer(torch.ones(4, 7, 3)).shape, [n for n, _ in layer.named_parameters()]
        (torch.Size([4, 7, 2]), ['weight', 'bias'])
    """

    def __init__(self, in_features: int, out_features: int, bias: bool = True) -> None:
        super().__init__()
        # TODO: create weight (and bias, or register None) as nn.Parameter, uniform in [-k, k].
        raise NotImplementedError("LinearFromScratch")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: return x @ self.weight.T, plus self.bias when there is one.
        raise NotImplementedError("LinearFromScratch")
