# %% [markdown]
# # TensorBoard: one folder per run
# PyTorch writes TensorBoard logs with a `SummaryWriter`: from `tensorboardX` (used here, as in
# the original notebooks) or the built-in `torch.utils.tensorboard` (same API). It is the
# counterpart of `tf.summary.create_file_writer(logdir)`. TensorBoard treats every folder that
# holds event files as one *run*; give each experiment its own folder under a common root,
# then `tensorboard --logdir <root>` overlays the runs so you can compare them.
# Docs: https://tensorboardx.readthedocs.io/en/latest/tensorboard.html

# %%
import os

from tensorboardX import SummaryWriter


def make_run_writer(log_root: str, experiment: str) -> SummaryWriter:
    """Return a ``SummaryWriter`` that writes into the folder ``log_root/experiment``.

    Without a folder, ``SummaryWriter()`` invents ``runs/<date>_<host>`` in the current
    directory, which is hard to find and to compare. The folder (and ``log_root``) may not
    exist yet, or may exist already (a rerun of the experiment). The caller closes the writer.

    Example:
        >>> w = make_run_writer("logs", "lr0.01"); w.add_scalar("loss/train", 0.5, 0); w.close()
        >>> # now logs/lr0.01/events.out.tfevents.* exists
    """
    # Why: one folder per experiment is what TensorBoard shows as one run.
    return SummaryWriter(logdir=os.path.join(log_root, experiment))
