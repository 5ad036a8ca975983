# %% [markdown]
# # The scheduler belongs in the checkpoint
# A learning-rate schedule is state too: a warm-up-and-cosine scheduler knows how many steps it
# has taken, a plateau scheduler its best loss and its count of bad epochs. Resume without it
# and a fresh scheduler starts the warm-up again on weights that are half trained. In Keras the
# schedule is part of the optimizer (its `iterations` counter is saved with it); in PyTorch the
# scheduler has its own `state_dict()` / `load_state_dict()`, beside the model's and the
# optimizer's. A `LambdaLR` saves its step count and base lrs but not its function: build the
# same scheduler again, then load its state.
# Docs: https://pytorch.org/docs/stable/optim.html#torch.optim.lr_scheduler.LRScheduler.state_dict

# %%
import torch
from torch import nn


def save_training_state(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                        scheduler: torch.optim.lr_scheduler.LRScheduler, epoch: int) -> None:
    """Save everything a resumed run needs to ``path`` (given: read it, then write the loader)."""
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict()}, path)


def load_training_state(path: str, model: nn.Module, optimizer: torch.optim.Optimizer,
                        scheduler: torch.optim.lr_scheduler.LRScheduler) -> int:
    """Restore a ``save_training_state`` file into ``model``, ``optimizer`` and ``scheduler``.

    The three objects are freshly built, as at the start of a run (the scheduler already made
    for the optimizer). Load the file with ``torch.load(path, weights_only=True)`` and restore
    each of them from its entry with its own ``load_state_dict``. Return the saved epoch, so
    that training continues with the next one. Training then goes on exactly as if it had never
    stopped: the same learning rates and the same weights.
    TensorFlow 2: ``tf.train.Checkpoint(model=model, optimizer=optimizer).restore(path)`` (a Keras
    schedule's position is the optimizer's ``iterations``, restored with it).
    Example:
        >>> scheduler = warmup_cosine(optimizer, 100, 1000)   # as at the start of the run
        >>> start = load_training_state("ckpt/last.pt", model, optimizer, scheduler) + 1
    """
    # TODO: torch.load the dict, then load_state_dict into the model, optimizer and scheduler.
    raise NotImplementedError("load_training_state")
