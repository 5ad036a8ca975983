"""Right answers to chapter 3 (neural networks), written differently from the reference."""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from grader.mistakes import alternative


@alternative("conv2d_out_hw")
def conv_with_floor(h, w, kernel, stride=1, padding=0):
    def side(n):
        return int(math.floor((n + 2 * padding - kernel) / stride)) + 1
    return side(h), side(w)


@alternative("maxpool2d_out_hw")
def pool_with_stride_or(h, w, kernel, stride=None):
    stride = stride or kernel
    return (h - kernel) // stride + 1, (w - kernel) // stride + 1


@alternative("flatten_batch")
def reshape_batch(x):
    return x.reshape(x.size(0), math.prod(x.shape[1:]))  # no -1: an empty batch works too


@alternative("flatten_batch")
def flatten_layer(x):
    return nn.Flatten()(x)


@alternative("flatten_batch")
def contiguous_view(x):
    return x.contiguous().view(len(x), -1) if len(x) else x.reshape(0, math.prod(x.shape[1:]))


@alternative("MnistNet")
class FunctionalDropoutNet(nn.Module):
    """F.dropout with training=self.training, nn.MaxPool2d, layers created in another order."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(64 * 12 * 12, 128)
        self.fc2 = nn.Linear(128, 10)
        self.conv1 = nn.Conv2d(1, 32, kernel_size=3)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv2(torch.relu(self.conv1(x)))))
        x = F.dropout(x, 0.25, training=self.training)
        x = x.view(x.size(0), -1)
        x = F.dropout(torch.relu(self.fc1(x)), p=0.5, training=self.training)
        return self.fc2(x)


@alternative("MnistNet")
class ReluAfterPoolNet(nn.Module):
    """ReLU after the pool and dropout before the ReLU: both commute, so the output is the same."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.dropout1 = nn.Dropout(p=0.25)
        self.dropout2 = nn.Dropout(p=0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv2(F.relu(self.conv1(x))), kernel_size=2))
        x = nn.Flatten()(self.dropout1(x))
        return self.fc2(F.relu(self.dropout2(self.fc1(x))))


@alternative("count_parameters")
def count_with_filter(model, trainable_only=True):
    params = [p for p in model.parameters() if p.requires_grad] if trainable_only \
        else list(model.parameters())
    return sum(math.prod(p.shape) for p in params)


@alternative("parameter_table")
def table_with_loop(model):
    rows = []
    for name, p in model.named_parameters():
        rows.append((name, p.size(), p.requires_grad))
    return rows


@alternative("load_matching_weights")
def copy_in_place(model, state):
    loaded = []
    with torch.no_grad():
        for name, mine in model.state_dict().items():  # these tensors share the model's memory
            if name in state and state[name].shape == mine.shape:
                mine.copy_(state[name])
                loaded.append(name)
    return loaded


@alternative("init_like_keras")
def glorot_by_hand(module):
    if isinstance(module, nn.Linear) or isinstance(module, nn.Conv2d):  # subclasses too
        fan_in = module.weight[0].numel()
        fan_out = module.weight.shape[0] * module.weight[0, 0].numel()
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        with torch.no_grad():
            module.weight.uniform_(-limit, limit)
            if module.bias is not None:
                module.bias.zero_()


@alternative("LinearFromScratch")
class FunctionalLinear(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(out_features, in_features))
        self.bias = nn.Parameter(torch.empty(out_features)) if bias else None
        bound = 1 / math.sqrt(in_features)
        for p in self.parameters():
            nn.init.uniform_(p, -bound, bound)

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)


@alternative("log_softmax_by_hand")
def with_logsumexp(logits):
    return logits - torch.logsumexp(logits, dim=1, keepdim=True)


@alternative("cross_entropy_by_hand")
def with_gather(logits, target):
    logp = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    return -logp.gather(1, target.unsqueeze(1)).squeeze(1).mean()


@alternative("cross_entropy_by_hand")
def with_onehot(logits, target):
    m = logits.max(dim=1, keepdim=True).values.detach()
    logp = logits - m - (logits - m).exp().sum(dim=1, keepdim=True).log()
    return -(F.one_hot(target, logits.shape[1]) * logp).sum() / len(target)


@alternative("onehot_to_index")
def max_indices(onehot):
    return torch.max(onehot, dim=1).indices


@alternative("categorical_cross_entropy")
def by_hand(logits, probs):
    return -(probs * F.log_softmax(logits, dim=1)).sum(dim=1).mean()


@alternative("train_one_step")
def zero_grad_on_model(model, optimizer, criterion, x, target):
    model.train(True)
    model.zero_grad(set_to_none=True)
    output = model.forward(x)
    loss = criterion(output, target)
    loss.backward()
    optimizer.step()
    return float(loss)


@alternative("eval_logits")
def inference_mode_then_restore(model, x):
    mode = model.training
    try:
        model.eval()
        with torch.inference_mode():
            return model(x)
    finally:
        model.train(mode)


@alternative("eval_logits")
def detach_output(model, x):
    was_training = model.training
    model.train(False)
    out = model(x).detach()
    if was_training:
        model.train()
    return out


@alternative("manual_sgd_step")
def minus_equals(model, lr):
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is None:
                continue
            p -= lr * p.grad


@alternative("zero_grads")
def none_for_each_parameter(model, optimizer):
    for p in model.parameters():
        p.grad = None


@alternative("zero_grads")
def both_zero_grads(model, optimizer):
    optimizer.zero_grad()
    model.zero_grad()


@alternative("zero_grads")
def every_module_own_parameters(model, optimizer):
    for module in model.modules():
        for p in module.parameters(recurse=False):
            p.grad = None
