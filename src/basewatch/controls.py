"""Terminal control in untrusted text, defined once: what metadata extraction and every output strip."""

import re

# Escape sequences (CSI "ESC [ ... m", OSC "ESC ] ... BEL" or "ESC ] ... ESC \\", two-byte ESC x, the
# 8-bit CSI), single C0/C1 control characters, and the explicit bidirectional overrides, which make a
# terminal show text in another order than it is. Newline and tab are layout, not control.
_CONTROL_RE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def without_controls(text: str) -> str:
    return _CONTROL_RE.sub("", text)
