# %% [markdown]
# # A checkpoint you can resume from
# To continue an interrupted run *exactly*, saving the weights is not enough: the optimizer has
# state too (momentum buffers, Adam's moments) and so does the random number generator
# (dropout masks, shuffling). Save them all in one dict, and restore them all.
# Docs: https://pytorch.org/tutorials/recipes/recipes/saving_and_loading_a_general_checkpoint.html

# %%
import torch
from torch import nn


def save_resume_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                           epoch: int) -> None:
    """Save {"epoch", "model", "optimizer", "rng_state"} to ``path`` with torch.save.

    "model" and "optimizer" are the two ``state_dict()``s, "rng_state" is
    ``torch.get_rng_state()`` (the CPU generator; when ``torch.cuda.is_available()``, also
    save ``torch.cuda.get_rng_state_all()`` under "cuda_rng_state"). The folder of ``path``
    exists already (the caller made ``ckpt/``).
    TensorFlow 2: ``tf.train.Checkpoint(model=model, optimizer=optimizer, step=step)`` with a
    ``CheckpointManager``.
    Example:
        >>> save_resume_checkpoint("ckpt/last.pt", net, optimizer, epoch=3)
    """
    # TODO: build the dict described above and torch.save it.
    raise NotImplementedError("save_resume_checkpoint")


def load_resume_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                           device: torch.device) -> int:
    """Restore a ``save_resume_checkpoint`` file into ``model`` and ``optimizer``; return the epoch.

    Load with ``map_location=device`` and ``weights_only=True``; ``model.to(device)`` before
    ``optimizer.load_state_dict`` (it moves the optimizer's state next to the parameters);
    restore the RNG with ``torch.set_rng_state`` (and the CUDA one when it was saved and CUDA
    is available). The RNG state must be a CPU ByteTensor, whatever ``device`` is.
    Example:
        >>> start = load_resume_checkpoint("ckpt/last.pt", net, optimizer, device) + 1
    """
    # TODO: torch.load the dict, restore model, optimizer and RNG, return epoch.
    raise NotImplementedError("load_resume_checkpoint")
