"""Checks for exercises/04_mnist/11_run_writer.py: a SummaryWriter writing into root/experiment.

The probe writes one scalar through each of two writers, then reads the event files back with
grader.tbevents (TFRecord framing + tensorboardX's Event protobuf).
"""

import os
import tempfile

from tensorboardX import SummaryWriter

from grader import tbevents
from grader.mistakes import mistake

EXPERIMENTS = ("baseline", "lr-0.1")


def run_facts(target, base):
    root = tempfile.mkdtemp(dir=base)
    os.chdir(root)  # a writer that ignores log_root lands here, not in the grader's folder
    logs = os.path.join(root, "logs")
    for step, name in enumerate(EXPERIMENTS):
        writer = target(logs, name)
        writer.add_scalar("probe/value", step + 0.5, step)
        writer.close()
    runs = tbevents.run_folders(root)
    facts = {"runs": runs, "tags": {run: sorted(tbevents.scalars(os.path.join(root, run)))
                                    for run in runs}}
    if len(runs) == len(EXPERIMENTS):  # one file per run: the scalars can be compared too
        facts["scalars"] = {run: tbevents.scalars(os.path.join(root, run)) for run in runs}
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


@mistake("make_run_writer")
def comment_only(log_root, experiment):
    return SummaryWriter(comment=experiment)
