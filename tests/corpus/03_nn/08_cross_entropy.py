"""Corpus for exercises/03_nn/08_cross_entropy.py: log_softmax_by_hand, cross_entropy_by_hand."""
import torch


def _log_softmax(logits):
    return logits - torch.logsumexp(logits, dim=1, keepdim=True)


# ---------------------------------------------------------------------------------------------
# log_softmax_by_hand
# ---------------------------------------------------------------------------------------------

def right__log_softmax_by_hand__logsumexp(logits: torch.Tensor) -> torch.Tensor:
    "alternative | x - torch.logsumexp(x, dim=1, keepdim=True) (logsumexp does the max shift itself)"
    return logits - torch.logsumexp(logits, dim=1, keepdim=True)


def right__log_softmax_by_hand__shift_detached(logits: torch.Tensor) -> torch.Tensor:
    "alternative | shifts by the detached row amax (the shift cancels in the gradient anyway); returns the (N, 0) input as is when there are no classes"
    if logits.shape[1] == 0:
        return logits.clone()
    shifted = logits - logits.detach().amax(dim=1, keepdim=True)
    return shifted - shifted.exp().sum(dim=1, keepdim=True).log()


def right__log_softmax_by_hand__add_back_max(logits: torch.Tensor) -> torch.Tensor:
    "alternative | computes the row's log-sum-exp as m + log(sum exp(x - m)) with torch.max(...).values, then x - lse"
    if logits.size(1) == 0:
        return logits.clone()
    m = torch.max(logits, dim=1, keepdim=True).values
    lse = m + torch.log(torch.sum(torch.exp(logits - m), dim=1, keepdim=True))
    return logits - lse


def wrong__log_softmax_by_hand__log_of_softmax(logits: torch.Tensor) -> torch.Tensor:
    "tf-habit | tf.math.log(tf.nn.softmax(x)) ported as torch.log(torch.softmax(x, 1)): a probability that underflows to 0 gives -inf | differs when: logits=torch.tensor([[1000., 0.]]) gives [[0., -inf]] instead of [[0., -1000.]]"
    return torch.log(torch.softmax(logits, dim=1))


def wrong__log_softmax_by_hand__no_max_shift(logits: torch.Tensor) -> torch.Tensor:
    "beginner | the textbook formula x - log(sum exp(x)) without subtracting the max: exp overflows to inf for large logits | differs when: logits=torch.tensor([[1000., 0.]]) gives [[-inf, -inf]] instead of [[0., -1000.]]"
    return logits - torch.log(torch.exp(logits).sum(dim=1, keepdim=True))


def wrong__log_softmax_by_hand__forgot_add_back(logits: torch.Tensor) -> torch.Tensor:
    "subtle | subtracts the max inside the exp but forgets to add it back: x - log(sum exp(x - m)) is off by m | differs when: logits=torch.tensor([[1., 0.]]) gives [[0.6867, -0.3133]] instead of [[-0.3133, -1.3133]]"
    m = logits.max(dim=1, keepdim=True).values
    return logits - torch.log(torch.exp(logits - m).sum(dim=1, keepdim=True))


def wrong__log_softmax_by_hand__no_keepdim(logits: torch.Tensor) -> torch.Tensor:
    "subtle | reduces without keepdim=True, so the (N,) row statistics broadcast against the last dim (per column): raises when N != C and is silently wrong when N == C | differs when: logits=torch.tensor([[1., 2.], [3., 4.]]) gives [[-0.3133, -3.3133], [1.6867, -1.3133]] instead of [[-1.3133, -0.3133], [-1.3133, -0.3133]]"
    m = logits.max(dim=1).values
    lse = m + torch.log(torch.exp(logits - m).sum(dim=1))
    return logits - lse


def wrong__log_softmax_by_hand__batch_dim(logits: torch.Tensor) -> torch.Tensor:
    "beginner | normalises over dim 0 (the batch) instead of the classes (dim 1) | differs when: logits=torch.tensor([[1., 0.], [0., 0.]]) gives [[-0.3133, -0.6931], [-1.3133, -0.6931]] instead of [[-0.3133, -1.3133], [-0.6931, -0.6931]]"
    return logits - torch.logsumexp(logits, dim=0, keepdim=True)


def wrong__log_softmax_by_hand__keras_clip(logits: torch.Tensor) -> torch.Tensor:
    "tf-habit | Keras' backend clips probabilities to [epsilon, 1 - epsilon] (1e-7) before the log: large gaps are capped at log(1e-7) ~ -16.1 | differs when: logits=torch.tensor([[1000., 0.]]) gives [[-1.2e-07, -16.1181]] instead of [[0., -1000.]]"
    eps = 1e-7
    return torch.log(torch.softmax(logits, dim=1).clamp(eps, 1 - eps))


def wrong__log_softmax_by_hand__inplace_shift(logits: torch.Tensor) -> torch.Tensor:
    "subtle | shifts the input in place (logits -= max) to save memory: the result is right but the caller's tensor is modified | differs when: logits=torch.tensor([[1000., 0.]]) is [[0., -1000.]] after the call instead of unchanged"
    with torch.no_grad():
        logits -= logits.max(dim=1, keepdim=True).values
    return logits - torch.log(torch.exp(logits).sum(dim=1, keepdim=True))


def wrong__log_softmax_by_hand__float64(logits: torch.Tensor) -> torch.Tensor:
    "subtle | computes in float64 for stability and returns the float64 result: the input dtype is not kept | differs when: logits=torch.tensor([[1., 0.]]) (float32) returns a float64 tensor; a float16 input returns float64 too"
    x = logits.double()
    m = x.max(dim=1, keepdim=True).values
    return x - m - torch.log(torch.exp(x - m).sum(dim=1, keepdim=True))


# ---------------------------------------------------------------------------------------------
# cross_entropy_by_hand
# ---------------------------------------------------------------------------------------------

def right__cross_entropy_by_hand__arange_index(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "alternative | picks the targets with advanced indexing lsm[torch.arange(N), target] instead of gather"
    lsm = _log_softmax(logits)
    picked = lsm[torch.arange(lsm.shape[0], device=lsm.device), target]
    return -picked.mean()


def right__cross_entropy_by_hand__lse_minus_target(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "alternative | per row logsumexp(x) - x[target] (no log_softmax tensor at all), then the mean"
    target_logit = logits.gather(1, target.unsqueeze(1)).squeeze(1)
    per_example = torch.logsumexp(logits, dim=1) - target_logit
    return per_example.mean()


def right__cross_entropy_by_hand__mask_where(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "alternative | boolean one-hot mask (target[:, None] == arange(C)) with torch.where, summed per row, divided by N"
    lsm = _log_softmax(logits)
    classes = torch.arange(logits.shape[1], device=logits.device)
    mask = target.unsqueeze(1) == classes.unsqueeze(0)
    per_row = torch.where(mask, lsm, torch.zeros_like(lsm)).sum(dim=1)
    return -(per_row.sum() / per_row.shape[0])


def wrong__cross_entropy_by_hand__double_softmax(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "tf-habit | applies softmax to the logits first (Keras' from_logits=False habit), then log-softmax again: a double softmax | differs when: logits=torch.tensor([[2., 0.]]), target=torch.tensor([0]) gives 0.3832 instead of 0.1269"
    probs = torch.softmax(logits, dim=1)
    lsm = _log_softmax(probs)
    return -lsm.gather(1, target.unsqueeze(1)).mean()


def wrong__cross_entropy_by_hand__sum(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "beginner | sums over the batch instead of averaging (reduction='sum') | differs when: logits=torch.zeros(2, 2), target=torch.tensor([0, 1]) gives 1.3863 instead of 0.6931"
    lsm = _log_softmax(logits)
    return -lsm.gather(1, target.unsqueeze(1)).sum()


def wrong__cross_entropy_by_hand__column_index(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "beginner | lsm[:, target] selects whole columns, an (N, N) block, and averages all of it instead of one entry per row | differs when: logits=torch.tensor([[2., 0.], [0., 2.]]), target=torch.tensor([0, 1]) gives 1.1269 instead of 0.1269"
    lsm = _log_softmax(logits)
    return -lsm[:, target].mean()


def wrong__cross_entropy_by_hand__detached_data(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "old-api | works on logits.data (the 0.4-era way to get at values): the value is right but the loss is cut from the graph, so loss.backward() fails | differs when: logits=torch.zeros(1, 2, requires_grad=True), target=torch.tensor([1]): result.requires_grad is False instead of True"
    lsm = _log_softmax(logits.data)
    return -lsm.gather(1, target.view(-1, 1)).mean()


def wrong__cross_entropy_by_hand__shape_one(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "subtle | gathers an (N, 1) column and averages over dim 0 only: returns shape (1,) instead of a 0-dim tensor | differs when: logits=torch.tensor([[0., 0.]]), target=torch.tensor([1]) gives tensor([0.6931]) instead of tensor(0.6931)"
    lsm = _log_softmax(logits)
    return -lsm.gather(1, target.view(-1, 1)).mean(dim=0)


def wrong__cross_entropy_by_hand__naive_log_softmax(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "subtle | log(softmax) instead of a stable log-softmax: a target probability that underflows to 0 gives an infinite loss | differs when: logits=torch.tensor([[1000., 0.]]), target=torch.tensor([1]) gives inf instead of 1000."
    lsm = torch.log(torch.softmax(logits, dim=1))
    return -lsm.gather(1, target.unsqueeze(1)).mean()


def wrong__cross_entropy_by_hand__onehot_mean_all(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "beginner | multiplies by a one-hot matrix and calls .mean() over all N*C entries: the loss is divided by C too | differs when: logits=torch.tensor([[0., 0.]]), target=torch.tensor([1]) gives 0.3466 instead of 0.6931"
    lsm = _log_softmax(logits)
    onehot = torch.nn.functional.one_hot(target, num_classes=logits.shape[1]).to(lsm.dtype)
    return -(onehot * lsm).mean()


def wrong__cross_entropy_by_hand__float64(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    "subtle | upcasts to float64 for accuracy and returns that: the loss dtype is float64 for float32 (or float16) logits | differs when: logits=torch.tensor([[0., 0.]]), target=torch.tensor([1]) returns tensor(0.6931, dtype=torch.float64)"
    lsm = _log_softmax(logits.double())
    return -lsm[torch.arange(len(target)), target].mean()
