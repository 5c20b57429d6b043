"""The real PDFs are not in the tree: they are read from ../shared/ beside the clone (or
$JUESUAN_SHARED), as the tests do. A missing file is an error under CI=true; otherwise the
script says what it skips, on stderr, and goes on without it."""
import os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared_dir = os.environ.get("JUESUAN_SHARED") or os.path.join(root, "..", "shared")
PUTUO = "fixtures/putuo_socialwork_2024.pdf"


def shared_file(rel, what):
    """The path of ../shared/<rel>, or None after a line saying `what` is skipped (under
    CI=true: exits with an error instead)."""
    path = os.path.normpath(os.path.join(shared_dir, rel))
    if os.path.isfile(path):
        return path
    if os.environ.get("CI") == "true":
        sys.exit(f"error: ../shared/{rel} is missing ({path}); CI needs ../shared beside the clone")
    print(f"skipped: {what} needs ../shared/{rel} (not found: {path})", file=sys.stderr)
    return None
