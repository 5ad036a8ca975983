# %% [markdown]
# # state_dict: loading the weights that fit
# `model.state_dict()` maps names (`"fc1.weight"`) to tensors: every parameter *and* every
# persistent buffer (BatchNorm's `running_mean`, `running_var`, `num_batches_tracked`).
# `model.load_state_dict(state)` is strict: a missing or unexpected key raises. `strict=False`
# forgives those, but a tensor whose shape differs still raises. Reusing a trained body under a
# new head (transfer learning) therefore means filtering first.
# Docs: https://pytorch.org/tutorials/beginner/saving_loading_models.html

# %%
import torch
import torch.nn as nn


def load_matching_weights(model: nn.Module, state: dict[str, torch.Tensor]) -> list[str]:
    """Copy into ``model`` every entry of ``state`` whose name and shape match; skip the rest.

    Returns the names of the entries copied from ``state``, in the order of
    ``model.state_dict()`` (whatever the order of ``state``). Entries of the model that ``state``
    lacks or cannot fill keep their values. The values are copied into the model's own tensors,
    which keep their dtype and device (a matching entry of another dtype is cast, as
    ``load_state_dict`` does); ``state`` itself is left as it was.
    Why: e.g. start a 5-class model from a 10-class model's weights: everything loads but the
    last layer. TensorFlow: Keras 2's ``model.load_weights("w.h5", by_name=True,
    skip_mismatch=True)``; ``by_name`` works only on legacy ``.h5`` files. Keras 3's
    ``model.load_weights("w.weights.h5", skip_mismatch=True)`` matches layers by the model's
    structure (build it the same way) and refuses ``by_name``; by name, copy layer by layer:
    ``new.get_layer(name).set_weights(old.get_layer(name).get_weights())``.
    Example:
        >>> old = nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 10))
        >>> load_matching_weights(nn.Sequential(nn.Linear(4, 8), nn.Linear(8, 5)), old.state_dict())
        ['0.weight', '0.bias']
    """
    # Why: strict=False skips absent keys, and the shape filter avoids the size-mismatch error.
    own = model.state_dict()
    matching = {name: value for name, value in state.items()
                if name in own and own[name].shape == value.shape}
    model.load_state_dict(matching, strict=False)
    return [name for name in own if name in matching]
