"""Realistic learner answers for exercises/02_autograd/07_detach.py (td_loss)."""
import torch
import torch.nn.functional as F


# --------------------------------------------------------------------------- right answers

def right__td_loss__target_under_no_grad(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor, s_next: torch.Tensor,
                                         gamma: float) -> torch.Tensor:
    """alternative | computes the target inside torch.no_grad() instead of calling detach()"""
    q = s @ w
    with torch.no_grad():
        target = r + gamma * (s_next @ w)
    return ((q - target) ** 2).mean()


def right__td_loss__detached_weight_in_target(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor,
                                              s_next: torch.Tensor, gamma: float) -> torch.Tensor:
    """alternative | uses a detached copy of w for the bootstrap term (a "target network") and mse_loss for the mean of squares"""
    w_target = w.detach()
    q = torch.mv(s, w)
    target = r + gamma * torch.mv(s_next, w_target)
    return F.mse_loss(q, target)


def right__td_loss__detach_in_place(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor, s_next: torch.Tensor,
                                    gamma: float) -> torch.Tensor:
    """alternative | detaches the target tensor in place with detach_() and squares with pow(2)"""
    q = s @ w
    target = r + gamma * (s_next @ w)
    target.detach_()
    return (q - target).pow(2).mean()


def right__td_loss__stop_gradient_helper(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor, s_next: torch.Tensor,
                                         gamma: float) -> torch.Tensor:
    """alternative | a tf.stop_gradient-like helper (t.detach()) and (target - q) ** 2, which squares the same value"""
    def stop_gradient(t):
        return t.detach()
    q = s @ w
    target = stop_gradient(r + gamma * (s_next @ w))
    return torch.mean((target - q) ** 2)


# --------------------------------------------------------------------------- wrong answers

def wrong__td_loss__no_detach(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor, s_next: torch.Tensor,
                              gamma: float) -> torch.Tensor:
    """beginner | forgets to detach the target: gradient also flows through gamma * (s_next @ w) (residual gradient instead of semi-gradient TD) | differs when: w = torch.tensor([1.0, 0.0], requires_grad=True), s = s_next = torch.tensor([[1.0, 0.0]]), r = torch.tensor([0.0]), gamma = 0.5 (w.grad [0.5, 0] instead of [1, 0])"""
    q = s @ w
    target = r + gamma * (s_next @ w)
    return ((q - target) ** 2).mean()


def wrong__td_loss__all_under_no_grad(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor, s_next: torch.Tensor,
                                      gamma: float) -> torch.Tensor:
    """tf-habit | wraps the whole computation in torch.no_grad() as a stop_gradient: the loss is not connected to w at all and backward() raises | differs when: any input, e.g. the docstring example (loss.requires_grad is False)"""
    with torch.no_grad():
        q = s @ w
        target = r + gamma * (s_next @ w)
        return ((q - target) ** 2).mean()


def wrong__td_loss__smooth_l1_from_tutorial(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor,
                                            s_next: torch.Tensor, gamma: float) -> torch.Tensor:
    """examples | copies the DQN tutorial's SmoothL1Loss (Huber) instead of the mean squared error | differs when: w = torch.tensor([3.0, 0.0], requires_grad=True), s = torch.tensor([[1.0, 0.0]]), s_next = torch.tensor([[0.0, 0.0]]), r = torch.tensor([0.0]), gamma = 0.5 (2.5 instead of 9)"""
    q = s @ w
    target = (r + gamma * (s_next @ w)).detach()
    return F.smooth_l1_loss(q, target)


def wrong__td_loss__sum_not_mean(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor, s_next: torch.Tensor,
                                 gamma: float) -> torch.Tensor:
    """beginner | sums the squared errors over the batch instead of averaging them | differs when: w = torch.tensor([1.0, 0.0], requires_grad=True), s = torch.tensor([[1.0, 0.0], [1.0, 0.0]]), s_next = torch.zeros(2, 2), r = torch.zeros(2), gamma = 0.5 (2 instead of 1)"""
    q = s @ w
    target = (r + gamma * (s_next @ w)).detach()
    return ((q - target) ** 2).sum()


def wrong__td_loss__column_prediction_broadcast(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor,
                                                s_next: torch.Tensor, gamma: float) -> torch.Tensor:
    """subtle | treats w as a column (s @ w.view(-1, 1), shape (B, 1)) while the target is (B,): q - target broadcasts to a (B, B) matrix and the mean mixes every pair | differs when: w = torch.tensor([1.0, 0.0], requires_grad=True), s = torch.tensor([[1.0, 0.0], [2.0, 0.0]]), s_next = torch.zeros(2, 2), r = torch.tensor([0.0, 1.0]), gamma = 0.5 (1.5 instead of 1.0)"""
    q = s @ w.view(-1, 1)
    target = (r + gamma * (s_next @ w)).detach()
    return ((q - target) ** 2).mean()


def wrong__td_loss__detach_next_state(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor, s_next: torch.Tensor,
                                      gamma: float) -> torch.Tensor:
    """beginner | detaches the input s_next (as in `next_state.detach()`) instead of the value s_next @ w: s_next carries no graph, so the bootstrap term still depends on w | differs when: w = torch.tensor([1.0, 0.0], requires_grad=True), s = s_next = torch.tensor([[1.0, 0.0]]), r = torch.tensor([0.0]), gamma = 0.5 (w.grad [0.5, 0] instead of [1, 0])"""
    q = s @ w
    target = r + gamma * (s_next.detach() @ w)
    return ((q - target) ** 2).mean()


def wrong__td_loss__item_as_constant(w: torch.Tensor, s: torch.Tensor, r: torch.Tensor, s_next: torch.Tensor,
                                     gamma: float) -> torch.Tensor:
    """subtle | turns the bootstrap value into a constant with .item(), which only works for a batch of one state: any larger batch raises | differs when: w = torch.tensor([1.0, 0.0], requires_grad=True), s = s_next = torch.ones(2, 2), r = torch.zeros(2), gamma = 0.5 (raises "a Tensor with 2 elements cannot be converted to Scalar")"""
    q = s @ w
    target = r + gamma * (s_next @ w).item()
    return ((q - target) ** 2).mean()
