"""Checks for exercises/04_mnist/11_run_writer.py: a SummaryWriter writing into root/experiment.

The probe writes one scalar through each of two writers (the second experiment's folder exists
already, as on a rerun), then reads the event files back with grader.tbevents (TFRecord framing +
tensorboardX's Event protobuf). Folder names that hold the date, the host or a timestamp are
shown with placeholders, so that they compare across runs.
"""

import datetime
import os
import re
import socket
import tempfile

from tensorboardX import SummaryWriter

from grader import tbevents
from grader.mistakes import mistake

EXPERIMENTS = ("baseline", "lr-0.1")


def _shown(folder):
    """A run folder with its date/host/timestamp parts replaced by placeholders."""
    host = socket.gethostname()
    parts = []
    for part in folder.replace(os.sep, "/").split("/"):
        if host and host in part:
            part = "<date>_<host>" + part.split(host, 1)[1]
        elif re.fullmatch(r"\d{8}-\d{6}", part):
            part = "<timestamp>"
        parts.append(part)
    return "/".join(parts)


def run_facts(target, base):
    """make_run_writer("logs", name) for "baseline" and an existing "lr-0.1", a scalar each"""
    root = tempfile.mkdtemp(dir=base)
    os.chdir(root)  # a writer that ignores log_root lands here, not in the grader's folder
    logs = "logs"  # relative: messages then name the same folders on every run
    os.makedirs(os.path.join(logs, EXPERIMENTS[1]))
    for step, name in enumerate(EXPERIMENTS):
        writer = target(logs, name)
        writer.add_scalar("probe/value", step + 0.5, step)
        writer.close()
    runs = tbevents.run_folders(root)
    shown = sorted({_shown(run) for run in runs})  # two writers may share a date-named folder
    facts = {"folders with event files (runs)": shown,
             "tags": {_shown(run): sorted(tbevents.scalars(os.path.join(root, run)))
                      for run in runs}}
    if len(runs) == len(shown) == len(EXPERIMENTS):  # one run each: compare the scalars too
        facts["scalars"] = {_shown(run): tbevents.scalars(os.path.join(root, run))
                            for run in runs}
    return facts


def test_make_run_writer(kata):
    kata.compare("make_run_writer", {"base": str(kata.tmp_path)}, probe=run_facts)


@mistake("make_run_writer", diagnosis="every experiment writes into log_root itself, so "
         "TensorBoard shows them as one run with mixed-up curves. Write into "
         "os.path.join(log_root, experiment).")
def one_folder_for_all(log_root, experiment):
    return SummaryWriter(logdir=log_root)


@mistake("make_run_writer", diagnosis="log_root + experiment glues the names together without "
         "a path separator ('logsbaseline'). Use os.path.join(log_root, experiment).")
def missing_separator(log_root, experiment):
    return SummaryWriter(logdir=log_root + experiment)


@mistake("make_run_writer", diagnosis="comment= only appends the experiment to the folder "
         "SummaryWriter invents (runs/<date>_<host><comment>), and log_root is ignored. Pass "
         "the folder itself: SummaryWriter(logdir=os.path.join(log_root, experiment)).")
def comment_only(log_root, experiment):
    return SummaryWriter(comment=experiment)


@mistake("make_run_writer", diagnosis="SummaryWriter() without a folder writes into "
         "runs/<date>_<host> in the current directory, ignoring both arguments. Pass "
         "logdir=os.path.join(log_root, experiment).")
def default_folder(log_root, experiment):
    return SummaryWriter()


@mistake("make_run_writer", diagnosis="a timestamp folder was added under log_root/experiment "
         "(the TensorFlow tutorial's log_dir habit), so the events land one level deeper than "
         "asked. Write into os.path.join(log_root, experiment) itself.")
def timestamp_subfolder(log_root, experiment):
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return SummaryWriter(os.path.join(log_root, experiment, stamp))


@mistake("make_run_writer", diagnosis="a train/ folder was added under log_root/experiment "
         "(what Keras's TensorBoard callback does), so the events land one level deeper than "
         "asked. Write into os.path.join(log_root, experiment) itself.")
def train_subfolder(log_root, experiment):
    return SummaryWriter(os.path.join(log_root, experiment, "train"))


@mistake("make_run_writer", diagnosis="the experiment's name was changed on the way (dots "
         "replaced): the folder must be log_root/experiment exactly, so runs can be found by "
         "the name they were given.")
def sanitized_name(log_root, experiment):
    return SummaryWriter(os.path.join(log_root, experiment.replace(".", "_")))


@mistake("make_run_writer", diagnosis="os.makedirs(path) raises FileExistsError when the run "
         "folder is there already (a rerun). Pass exist_ok=True, or let SummaryWriter create "
         "the folder.")
def makedirs_not_idempotent(log_root, experiment):
    path = os.path.join(log_root, experiment)
    os.makedirs(path)
    return SummaryWriter(path)
