#!/usr/bin/env python3
"""Differential checks of the deploy simulator against the real tools (see README.md here).

Runs every case under tests/deploy_real/{nginx,docker,compose}/ twice: once against the real
tool (Debian's nginx 1.22 on 127.0.0.1, dockerd 20.10 + docker-compose 1.29.2) and once against
`gramlab deploy sh --json`, and compares what each case says to compare. Prints PASS/FAIL per
case and the closing line `N passed, M failed`. Started by scripts/test_deploy_real.sh, which
installs the tools and starts dockerd; stdlib only.

usage: run_cases.py GRAMLAB [--suite nginx|docker|compose]... [--case NAME]... [-v]
environment: DOCKER_HOST (the private dockerd; without it the docker cases count as one failure),
             DOCKER_CLIENT (default /usr/bin/docker).
"""
import argparse
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SIM_PROJECT = "/home/ubuntu/srv/ubuntu"  # where `gramlab deploy sh` puts the scenario's files
NGINX_PORT = 18080                       # real nginx listens on 127.0.0.1:18080
UPSTREAM_PORTS = {"a": 18101, "b": 18102, "c": 18103}
CLOSED_PORT = 18109                      # nothing listens here: an upstream that is down


def log(msg):
    print(msg, flush=True)


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def run_sim(gramlab, scenario, commands, timeout=120):
    """Runs `commands` (a list of lines) in `gramlab deploy sh --json`; returns one dict per line."""
    p = subprocess.run([gramlab, "deploy", "sh", "--json", "--scenario", scenario],
                       input="\n".join(commands) + "\n", capture_output=True, text=True, timeout=timeout)
    out = []
    for line in p.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            out.append(json.loads(line))
    if len(out) != len(commands):
        raise RuntimeError("gramlab deploy sh answered %d of %d commands; stderr: %s"
                           % (len(out), len(commands), p.stderr[-2000:]))
    return out


# ---------------------------------------------------------------------------------------------
# nginx: each case is nginx/<case>/nginx.conf (a conf.d file: upstreams a:8000 b:8000 c:8000,
# listen 80, static files under /srv), requests (curl arguments, one request a line) and
# optionally down (upstreams that are not running). Compared per request: the status code and
# the body's signature (its <title>, else its first line: "a /api/x" names the upstream and the
# path it received).

def parse_http(raw):
    """curl -i output → (status, headers dict, body). Skips a leading 100 Continue."""
    while True:
        head, _, body = raw.partition("\r\n\r\n")
        lines = head.split("\r\n")
        m = re.match(r"HTTP/\S+ (\d+)", lines[0] if lines else "")
        if not m:
            return None, {}, raw
        status = int(m.group(1))
        if status == 100:
            raw = body
            continue
        headers = {}
        for l in lines[1:]:
            k, _, v = l.partition(":")
            headers[k.strip().lower()] = v.strip()
        return status, headers, body


def signature(status, body):
    if status is None:
        return "no response"
    m = re.search(r"<title>(.*?)</title>", body, re.S)
    sig = m.group(1).strip() if m else (body.splitlines()[0] if body else "")
    return "%d %s" % (status, sig)


def nginx_conf_for_real(text, prefix, down):
    for name, port in UPSTREAM_PORTS.items():
        text = text.replace("%s:8000" % name, "127.0.0.1:%d" % (CLOSED_PORT if name in down else port))
    text = re.sub(r"\blisten\s+80\b", "listen 127.0.0.1:%d" % NGINX_PORT, text)
    return text.replace(" /srv", " " + prefix + "/srv")


NGINX_MAIN = """worker_processes 1;
pid logs/nginx.pid;
error_log logs/error.log notice;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log logs/access.log;
    client_body_temp_path tmp/body;
    proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    include case.conf;
}
"""


def write_tree(root, list_file, content_prefix):
    for p in read_lines(list_file):
        path = root + p
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("%s %s\n" % (content_prefix, p))


def wait_port(port, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


class RealNginx:
    def __init__(self, work):
        self.work = work
        self.servers = []
        self.prefix = os.path.join(work, "nginx")
        for d in ("logs", "tmp"):
            os.makedirs(os.path.join(self.prefix, d), exist_ok=True)
        os.chmod(work, 0o755)
        os.chmod(self.prefix, 0o755)
        os.chmod(os.path.join(self.prefix, "tmp"), 0o777)
        write_tree(self.prefix, os.path.join(HERE, "nginx", "static_files.txt"), "static")
        with open(os.path.join(self.prefix, "nginx.conf"), "w") as f:
            f.write(NGINX_MAIN)
        for port in list(UPSTREAM_PORTS.values()) + [NGINX_PORT, CLOSED_PORT]:
            if wait_port(port, 0.1):
                raise RuntimeError("127.0.0.1:%d is already in use" % port)
        self.servers = []
        for name, port in UPSTREAM_PORTS.items():
            root = os.path.join(work, "up", name)
            write_tree(root, os.path.join(HERE, "nginx", "upstream_files.txt"), name)
            p = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                  "--directory", root], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.servers.append(p)
        for port in UPSTREAM_PORTS.values():
            if not wait_port(port):
                self.close()
                raise RuntimeError("upstream on 127.0.0.1:%d did not start" % port)

    def run_case(self, conf, down, requests):
        with open(os.path.join(self.prefix, "case.conf"), "w") as f:
            f.write(nginx_conf_for_real(conf, self.prefix, down))
        base = ["nginx", "-p", self.prefix + "/", "-c", "nginx.conf", "-e", "stderr"]
        t = subprocess.run(base + ["-t", "-q"], capture_output=True, text=True)
        if t.returncode != 0:
            return ["nginx -t failed: " + t.stderr.strip()]
        subprocess.run(base, check=True, capture_output=True)
        try:
            if not wait_port(NGINX_PORT):
                return ["nginx did not start"]
            out = []
            for r in requests:
                args = shlex.split(r)
                url = "http://127.0.0.1:%d%s" % (NGINX_PORT, args[-1])
                c = subprocess.run(["curl", "-s", "-i", "--max-time", "5"] + args[:-1] + [url],
                                   capture_output=True)
                status, _, body = parse_http(c.stdout.decode("utf-8", "replace"))
                out.append(signature(status, body))
            return out
        finally:
            subprocess.run(base + ["-s", "stop"], capture_output=True)
            pidfile = os.path.join(self.prefix, "logs", "nginx.pid")
            for _ in range(100):
                if not os.path.exists(pidfile):
                    break
                time.sleep(0.02)

    def close(self):
        for p in self.servers:
            p.terminate()
        for p in self.servers:
            p.wait()


def nginx_scenario(case_dir, work):
    """The same setup on the simulated EC2 host: a compose project with nginx in front of three
    python http.server containers serving the same files."""
    scen = os.path.join(work, "scenario")
    shutil.rmtree(scen, ignore_errors=True)
    os.makedirs(os.path.join(scen, "nginx"))
    shutil.copy(os.path.join(case_dir, "nginx.conf"), os.path.join(scen, "nginx", "nginx.conf"))
    write_tree(os.path.join(scen, "nginx"), os.path.join(HERE, "nginx", "static_files.txt"), "static")
    with open(os.path.join(scen, "nginx", "Dockerfile"), "w") as f:
        f.write("FROM nginx:1.19.0-alpine\nRUN rm /etc/nginx/conf.d/default.conf\n"
                "COPY nginx.conf /etc/nginx/conf.d\nCOPY srv /srv\n")
    compose = "version: '3.7'\nservices:\n"
    for name in UPSTREAM_PORTS:
        d = os.path.join(scen, name)
        write_tree(os.path.join(d, "files"), os.path.join(HERE, "nginx", "upstream_files.txt"), name)
        with open(os.path.join(d, "Dockerfile"), "w") as f:
            f.write("FROM python:3.8.3-alpine\nWORKDIR /srv\nCOPY files/ /srv/\n"
                    "CMD [\"python\", \"-m\", \"http.server\", \"8000\"]\n")
        compose += "  %s:\n    build: ./%s\n" % (name, name)
    compose += "  nginx:\n    build: ./nginx\n    ports:\n      - 8080:80\n    depends_on: [a, b, c]\n"
    with open(os.path.join(scen, "docker-compose.yml"), "w") as f:
        f.write(compose)
    return scen


def sim_nginx(gramlab, case_dir, work, down, requests):
    scen = nginx_scenario(case_dir, work)
    cmds = ["docker-compose up -d --build"]
    cmds += ["docker stop ubuntu_%s_1" % d for d in down]
    for r in requests:
        args = shlex.split(r)
        cmds.append("curl -i " + " ".join(shlex.quote(a) for a in args[:-1]) +
                    (" " if len(args) > 1 else "") + "http://localhost:8080" + args[-1])
    res = run_sim(gramlab, scen, cmds)
    if res[0]["exit_code"] != 0:
        return ["docker-compose up failed: " + res[0]["stderr"][-500:]]
    out = []
    for r in res[1 + len(down):]:
        status, _, body = parse_http(r["stdout"])
        out.append(signature(status, body) if r["exit_code"] == 0 else "curl failed: " + r["stderr"].strip())
    return out


def suite_nginx(gramlab, work, only, verbose):
    results = []
    try:
        real = RealNginx(os.path.join(work, "real"))
    except Exception as e:  # noqa: BLE001 - a port in use, an upstream that did not start
        return [("nginx/setup", False, ["  %s" % e])]
    try:
        root = os.path.join(HERE, "nginx")
        for case in sorted(os.listdir(root)):
            d = os.path.join(root, case)
            if not os.path.isdir(d) or (only and case not in only):
                continue
            with open(os.path.join(d, "nginx.conf")) as f:
                conf = f.read()
            down = read_lines(os.path.join(d, "down"))
            requests = read_lines(os.path.join(d, "requests"))
            r = real.run_case(conf, down, requests)
            try:
                s = sim_nginx(gramlab, d, os.path.join(work, "sim"), down, requests)
            except Exception as e:  # noqa: BLE001 - a crash of the simulator is a failure of the case
                s = ["simulator: %s" % e]
            lines = ["  %-40s real: %-40s sim: %s" % (q, a, b)
                     for q, a, b in zip(requests, r + [""] * len(requests), s + [""] * len(requests))]
            results.append(("nginx/" + case, r == s, lines))
    finally:
        real.close()
    return results


# ---------------------------------------------------------------------------------------------
# docker and compose: each case is a folder of files plus `commands`, run line by line in bash
# (cwd = a copy of the folder, `docker` = the 20.10 client on the private dockerd) and in
# `gramlab deploy sh` (cwd = the same files in /home/ubuntu/srv/ubuntu). A line's prefix says
# what is compared:
#   run: CMD   both must succeed (exit 0); nothing else compared (ids, build output differ)
#   out: CMD   stdout and the exit code
#   all: CMD   stdout, stderr and the exit code
#   err: CMD   stderr and the exit code
# The real side's case folder path is replaced by /home/ubuntu/srv/ubuntu before comparing.

def parse_commands(path):
    out = []
    for line in read_lines(path):
        kind, _, cmd = line.partition(": ")
        if kind not in ("run", "out", "all", "err"):
            raise ValueError("%s: bad line %r" % (path, line))
        out.append((kind, cmd))
    return out


def shown(kind, r):
    parts = []
    if kind in ("out", "all"):
        parts.append("stdout: " + r["stdout"])
    if kind in ("all", "err"):
        parts.append("stderr: " + r["stderr"])
    parts.append("exit: %d" % (r["exit_code"] if kind != "run" else (0 if r["exit_code"] == 0 else 1)))
    return "\n".join(parts)


def run_real_commands(case_dir, work, commands, env):
    d = os.path.join(work, "project", os.path.basename(case_dir))
    shutil.rmtree(os.path.join(work, "project"), ignore_errors=True)
    shutil.copytree(case_dir, d)
    # A file named "busybox" is a placeholder for Debian's static busybox (package busybox-static):
    # cases copy it to /bin/sh of a FROM scratch image to run real processes without a base image.
    # The simulator only needs the file to exist.
    if os.path.exists(os.path.join(d, "busybox")):
        shutil.copy("/bin/busybox", os.path.join(d, "busybox"))
    out = []
    for _, cmd in commands:
        p = subprocess.run(["bash", "-c", cmd], cwd=d, capture_output=True, text=True, env=env, timeout=120)
        out.append({"stdout": p.stdout.replace(d, SIM_PROJECT), "stderr": p.stderr.replace(d, SIM_PROJECT),
                    "exit_code": p.returncode})
    return out


def suite_commands(suite, gramlab, work, only, verbose, env, cleanup):
    results = []
    root = os.path.join(HERE, suite)
    for case in sorted(os.listdir(root)):
        d = os.path.join(root, case)
        if not os.path.isdir(d) or (only and case not in only):
            continue
        commands = parse_commands(os.path.join(d, "commands"))
        real = run_real_commands(d, os.path.join(work, "real"), commands, env)
        if cleanup:
            cleanup()
        scen = os.path.join(work, "sim", case)
        shutil.rmtree(os.path.join(work, "sim"), ignore_errors=True)
        shutil.copytree(d, scen, ignore=shutil.ignore_patterns("commands"))
        try:
            sim = run_sim(gramlab, scen, [c for _, c in commands])
        except Exception as e:  # noqa: BLE001
            sim = [{"stdout": "", "stderr": "simulator: %s" % e, "exit_code": -1}] * len(commands)
        if suite == "compose":
            # docker-compose writes its "ERROR: " / "WARNING: " level names only when stderr is a
            # terminal (the learner's ssh session, which the simulator shows); here it is a pipe.
            for r in sim:
                r["stderr"] = re.sub(r"(?m)^(ERROR|WARNING): ", "", r["stderr"])
        ok = True
        lines = []
        for (kind, cmd), r, s in zip(commands, real, sim):
            a, b = shown(kind, r), shown(kind, s)
            same = a == b
            ok &= same
            if not same or verbose:
                lines.append("  %s %s: %s" % ("==" if same else "!=", kind, cmd))
                lines.append("    real: " + a.replace("\n", "\n          "))
                lines.append("    sim:  " + b.replace("\n", "\n          "))
        results.append(("%s/%s" % (suite, case), ok, lines))
    return results


def docker_env(work):
    env = dict(os.environ)
    shim = os.path.join(work, "bin")
    os.makedirs(shim)
    client = os.environ.get("DOCKER_CLIENT", "/usr/bin/docker")
    with open(os.path.join(shim, "docker"), "w") as f:
        f.write("#!/bin/sh\nexec %s \"$@\"\n" % client)
    os.chmod(os.path.join(shim, "docker"), 0o755)
    env["PATH"] = shim + ":" + env["PATH"]
    env["DOCKER_BUILDKIT"] = "0"  # the classic builder, as the material (and the simulator) show it
    return env


def docker_cleanup(env):
    def clean():
        ids = subprocess.run(["docker", "ps", "-aq"], capture_output=True, text=True, env=env).stdout.split()
        if ids:
            subprocess.run(["docker", "rm", "-f"] + ids, capture_output=True, env=env)
        subprocess.run(["docker", "image", "prune", "-af"], capture_output=True, env=env)
    return clean


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gramlab")
    ap.add_argument("--suite", action="append", choices=["nginx", "docker", "compose"])
    ap.add_argument("--case", action="append")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    gramlab = os.path.abspath(args.gramlab)
    suites = args.suite or ["nginx", "docker", "compose"]
    work = tempfile.mkdtemp(prefix="deploy-real-")
    os.chmod(work, 0o755)
    results = []
    try:
        if "nginx" in suites:
            results += suite_nginx(gramlab, os.path.join(work, "nginx"), args.case, args.verbose)
        env = docker_env(work)
        if "docker" in suites:
            if os.environ.get("DOCKER_HOST"):
                results += suite_commands("docker", gramlab, os.path.join(work, "docker"), args.case, args.verbose,
                                          env, docker_cleanup(env))
            else:
                results.append(("docker/engine", False, ["  no Docker engine (DOCKER_HOST is not set): the docker "
                                                         "cases did not run"]))
        if "compose" in suites:
            results += suite_commands("compose", gramlab, os.path.join(work, "compose"), args.case, args.verbose,
                                      env, None)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    passed = sum(1 for _, ok, _ in results if ok)
    for name, ok, lines in results:
        log("%s %s" % ("PASS" if ok else "FAIL", name))
        if not ok or args.verbose:
            for l in lines:
                log(l)
    log("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if results and passed == len(results) else 1


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(1))
    sys.exit(main())
