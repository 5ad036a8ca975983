"""Realistic learner answers for 04_mnist/11_run_writer.py (make_run_writer)."""
import datetime
import os
from pathlib import Path

from tensorboardX import SummaryWriter


# ----------------------------------------------------------------------------- right

def right__make_run_writer__pathlib(log_root: str, experiment: str) -> SummaryWriter:
    """alternative | joins with pathlib (Path(log_root) / experiment) and passes the string by keyword"""
    return SummaryWriter(logdir=str(Path(log_root) / experiment))


def right__make_run_writer__log_dir_alias(log_root: str, experiment: str) -> SummaryWriter:
    """alternative | uses the log_dir= spelling (torch.utils.tensorboard's name, also accepted by tensorboardX)"""
    run_dir = os.path.join(log_root, experiment)
    return SummaryWriter(log_dir=run_dir)


def right__make_run_writer__makedirs_first(log_root: str, experiment: str) -> SummaryWriter:
    """alternative | creates the folder itself with os.makedirs(exist_ok=True) before handing it to SummaryWriter positionally"""
    folder = os.path.join(log_root, experiment)
    os.makedirs(folder, exist_ok=True)
    return SummaryWriter(folder)


# ----------------------------------------------------------------------------- wrong

def wrong__make_run_writer__default_runs_folder(log_root: str, experiment: str) -> SummaryWriter:
    """beginner | calls SummaryWriter() with no folder, so the events go to ./runs/<date>_<host> and both arguments are ignored | differs when: make_run_writer("logs", "lr0.01"): no events file appears in logs/lr0.01"""
    return SummaryWriter()


def wrong__make_run_writer__comment_suffix(log_root: str, experiment: str) -> SummaryWriter:
    """examples | passes the experiment as comment= (as the tensorboardX demo does), which only appends it to the auto-generated runs/<date>_<host> folder and ignores log_root | differs when: make_run_writer("logs", "lr0.01"): events go to runs/<date>_<host>lr0.01 instead of logs/lr0.01"""
    return SummaryWriter(comment=experiment)


def wrong__make_run_writer__root_only(log_root: str, experiment: str) -> SummaryWriter:
    """beginner | writes into log_root itself and drops experiment, so every run's events land in one folder and TensorBoard shows them as a single run | differs when: make_run_writer("logs", "lr0.01"): events file in logs/ instead of logs/lr0.01/"""
    return SummaryWriter(log_root)


def wrong__make_run_writer__string_concat(log_root: str, experiment: str) -> SummaryWriter:
    """beginner | glues the parts with + and no separator | differs when: make_run_writer("logs", "lr0.01"): the folder is logslr0.01 instead of logs/lr0.01"""
    return SummaryWriter(logdir=log_root + experiment)


def wrong__make_run_writer__timestamp_subfolder(log_root: str, experiment: str) -> SummaryWriter:
    """tf-habit | appends datetime.now().strftime("%Y%m%d-%H%M%S") as in the TF TensorBoard tutorial's log_dir, so events go one folder deeper than log_root/experiment | differs when: make_run_writer("logs", "lr0.01"): events are in logs/lr0.01/<timestamp>/ instead of logs/lr0.01/"""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return SummaryWriter(os.path.join(log_root, experiment, stamp))


def wrong__make_run_writer__train_subfolder(log_root: str, experiment: str) -> SummaryWriter:
    """tf-habit | mimics the Keras TensorBoard callback, which writes into <log_dir>/train, so the run folder is log_root/experiment/train | differs when: make_run_writer("logs", "lr0.01"): events are in logs/lr0.01/train/ instead of logs/lr0.01/"""
    return SummaryWriter(os.path.join(log_root, experiment, "train"))


def wrong__make_run_writer__makedirs_not_idempotent(log_root: str, experiment: str) -> SummaryWriter:
    """subtle | creates the folder with os.makedirs(path) without exist_ok=True, so a second writer for the same run (a rerun, or resuming) raises | differs when: the folder logs/lr0.01 already exists: raises FileExistsError instead of returning a writer"""
    path = os.path.join(log_root, experiment)
    os.makedirs(path)
    return SummaryWriter(path)


def wrong__make_run_writer__sanitized_name(log_root: str, experiment: str) -> SummaryWriter:
    """subtle | "cleans" the experiment name by replacing dots with underscores, so the folder is not log_root/experiment as asked | differs when: make_run_writer("logs", "lr0.01"): the folder is logs/lr0_01 instead of logs/lr0.01"""
    safe = experiment.replace(".", "_")
    return SummaryWriter(os.path.join(log_root, safe))
