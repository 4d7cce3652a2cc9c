"""`salesdesk serve` on a port another program holds: one clear line and exit 1, no traceback."""

from __future__ import annotations

import socket


def test_serve_on_a_busy_port_says_so(salesdesk) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = salesdesk("serve", "--port", str(port), check_exit=1)
    assert "端口已被占用" in done.stderr and str(port) in done.stderr
    assert "Traceback" not in done.stderr
