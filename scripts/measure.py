"""Runs one process and measures it: wall time and peak RSS. The RSS comes from GNU time
(installed if missing): a child forked from a large Python process would carry the
parent's high-water mark into its own ru_maxrss, so os.wait4 overstates small processes."""
import os, subprocess, tempfile, time

if not os.path.exists("/usr/bin/time"):
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "time"], check=True, stdout=subprocess.DEVNULL)


def run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
    """(seconds, peak RSS in KB, exit status) of `cmd`."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *cmd], stdout=stdout, stderr=stderr)
        elapsed = time.perf_counter() - t
        kb = int(rss.read().split()[-1])
    return elapsed, kb, p.returncode
