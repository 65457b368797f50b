"""Answers kept for the rest of one request (readable communities, a member's roles).

`RequestMemoMiddleware` opens an empty memo for each request and drops it afterwards;
`memo(key, compute)` returns the memo's answer for `key`, computing it the first time.
Outside a request (tasks, commands, tests calling selectors directly) nothing is kept, so
answers are never stale there. Writes that change what a memo holds (membership changes)
call `forget()`.
"""

from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("cop_request_memo", default=None)


def memo(key, compute):
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def forget() -> None:
    store = _memo.get()
    if store is not None:
        store.clear()


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
