"""Right answers to chapter 6 (PyTorch 2 for TensorFlow users) written differently from the
reference."""

import math
import os
import tempfile

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn

from grader.mistakes import alternative


@alternative("compile_strict")
def compile_as_decorator(fn, backend="inductor"):
    return torch.compile(backend=backend, fullgraph=True)(fn)


@alternative("compile_in_place")
def compile_forward_attribute(model, backend="inductor"):
    model.forward = torch.compile(model.forward, backend=backend)
    return model


@alternative("clip_norm_no_break")
def clip_with_where(x, max_norm):
    norm = torch.linalg.vector_norm(x)
    return torch.where(norm > max_norm, x * (max_norm / norm), x)


@alternative("clip_norm_no_break")
def clip_by_division(x, max_norm):
    return x / torch.clamp(x.norm() / max_norm, min=1.0)


@alternative("compile_for_any_batch")
def compile_module_dynamic(model, backend="inductor"):
    model.compile(backend=backend, dynamic=True)
    return model


@alternative("compile_for_any_batch")
def mark_batch_dynamic(model, backend="inductor"):
    compiled = torch.compile(model, backend=backend)

    def run(x):
        torch._dynamo.mark_dynamic(x, 0)
        return compiled(x)

    return run


@alternative("adamw_with_groups")
def groups_by_name_and_dim(model, lr, weight_decay):
    no_decay = [p for _, p in model.named_parameters() if p.dim() <= 1]
    decay = [p for _, p in model.named_parameters() if p.dim() > 1]
    groups = [{"params": no_decay, "weight_decay": 0.0}]
    if decay:
        groups.append({"params": decay})
    return torch.optim.AdamW(groups, lr=lr, weight_decay=weight_decay)


class _WarmupCosine(torch.optim.lr_scheduler.LRScheduler):
    def __init__(self, optimizer, warmup_steps, total_steps):
        self.warmup_steps, self.total_steps = warmup_steps, total_steps
        super().__init__(optimizer)

    def get_lr(self):
        s, w, t = self.last_epoch, self.warmup_steps, self.total_steps
        if s < w:
            factor = s / w
        elif s < t:
            factor = (1 + math.cos(math.pi * (s - w) / (t - w))) / 2
        else:
            factor = 0.0
        return [base * factor for base in self.base_lrs]


@alternative("warmup_cosine")
def scheduler_subclass(optimizer, warmup_steps, total_steps):
    return _WarmupCosine(optimizer, warmup_steps, total_steps)


@alternative("fit_with_plateau")
def loss_module_and_helper(model, optimizer, train_batches, val_batches, epochs):
    criterion = nn.CrossEntropyLoss()
    plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, "min", factor=0.5,
                                                         patience=1)

    @torch.no_grad()
    def validate():
        model.eval()
        return sum(criterion(model(x), y).item() for x, y in val_batches) / len(val_batches)

    history = []
    for _ in range(epochs):
        model.train()
        for x, y in train_batches:
            loss = criterion(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        history.append(validate())
        plateau.step(history[-1])
    return history


@alternative("load_training_state")
def scheduler_first(path, model, optimizer, scheduler):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    scheduler.load_state_dict(checkpoint["scheduler"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    model.load_state_dict(checkpoint["model"])
    return int(checkpoint["epoch"])


@alternative("multilabel_bce")
def loss_module(logits, targets, pos_weight=None, reduction="mean"):
    criterion = nn.BCEWithLogitsLoss(pos_weight=pos_weight, reduction=reduction)
    return criterion(logits, targets.type_as(logits))


@alternative("smoothed_cross_entropy")
def cross_entropy_module(logits, labels, smoothing=0.0, class_weights=None):
    return nn.CrossEntropyLoss(weight=class_weights, ignore_index=-100,
                               label_smoothing=smoothing)(logits, labels)


@alternative("extract_features")
def recorder_by_module_table(model, layer_names, x):
    modules = dict(model.named_modules())
    kept = {}
    handles = []

    def record(module, inputs, output):
        for name in layer_names:
            if modules[name] is module:
                kept[name] = output.detach().clone()

    try:
        for module in {id(modules[n]): modules[n] for n in layer_names}.values():
            handles.append(module.register_forward_hook(record))
        with torch.no_grad():
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    return kept


@alternative("clip_grad_hooks")
def named_hooks(model, clip_value):
    handles = []
    for _, parameter in model.named_parameters():
        if parameter.requires_grad:
            handles.append(parameter.register_hook(
                lambda g: torch.clamp(g, min=-clip_value, max=clip_value)))
    return handles


@alternative("pad_collate")
def pad_by_hand(batch, pad_value=0):
    sequences, labels = zip(*batch)
    lengths = torch.tensor([s.shape[0] for s in sequences], dtype=torch.int64)
    longest = int(lengths.max()) if len(sequences) else 0
    first = sequences[0]
    inputs = first.new_full((len(sequences), longest, *first.shape[1:]), pad_value)
    mask = torch.zeros(len(sequences), longest, dtype=torch.bool)
    for i, s in enumerate(sequences):
        inputs[i, :len(s)] = s
        mask[i, :len(s)] = True
    return {"inputs": inputs, "mask": mask, "lengths": lengths,
            "labels": torch.as_tensor(labels, dtype=torch.int64)}


@alternative("ddp_train_steps")
def sum_then_divide(model, inputs, targets, steps, lr):
    from torch.nn.parallel import DistributedDataParallel as DDP

    ddp = DDP(model, device_ids=None)
    optimizer = torch.optim.SGD(ddp.parameters(), lr)
    world = dist.get_world_size()
    history = []
    for _ in range(steps):
        optimizer.zero_grad(set_to_none=True)
        loss = nn.CrossEntropyLoss()(ddp(inputs), targets)
        loss.backward()
        optimizer.step()
        total = torch.tensor([loss.item()])
        dist.all_reduce(total, op=dist.ReduceOp.SUM)
        history.append(total.item() / world)
    return history


@alternative("save_on_rank0")
def atomic_write_on_rank0(ddp_model, path):
    if dist.get_rank() == 0:
        folder = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(dir=folder)
        os.close(fd)
        torch.save(ddp_model.module.state_dict(), tmp)
        os.replace(tmp, path)
    dist.barrier()


@alternative("sharded_epochs")
def keyword_loop(dataset, batch_size, rank, world_size, epochs, seed, step):
    from torch.utils.data import DataLoader
    from torch.utils.data.distributed import DistributedSampler

    loader = DataLoader(dataset, batch_size, drop_last=False,
                        sampler=DistributedSampler(dataset, world_size, rank, True, seed))
    for epoch in range(epochs):
        loader.sampler.set_epoch(epoch)
        for batch in iter(loader):
            step(batch)


@alternative("run_rank")
def keyword_init(rank, fn, world_size, init_method, args):
    dist.init_process_group(backend="gloo", init_method=init_method, world_size=world_size,
                            rank=rank)
    try:
        return fn(rank, world_size, *args)
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()


@alternative("launch")
def processes_by_hand(fn, world_size, init_method, args=(), start_method="spawn"):
    import multiprocessing

    from grader.checks.ch06_pytorch2._procs import good_run_rank as run_rank

    context = multiprocessing.get_context(start_method)
    processes = [context.Process(target=run_rank, args=(r, fn, world_size, init_method, args))
                 for r in range(world_size)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    failed = [r for r, p in enumerate(processes) if p.exitcode != 0]
    if failed:
        raise RuntimeError(f"ranks {failed} failed")


@alternative("launch")
def start_processes_joined(fn, world_size, init_method, args=(), start_method="spawn"):
    from grader.checks.ch06_pytorch2._procs import good_run_rank as run_rank

    context = mp.start_processes(run_rank, args=(fn, world_size, init_method, args),
                                 nprocs=world_size, join=False, start_method=start_method)
    while not context.join():
        pass
