"""Not tests: the shipped proxies (deploy/nginx.conf, deploy/varnish.vcl) started for real in
front of a live app, for the tests that need them. Without the program: skipped on a laptop,
a failure in CI (`scripts/services.sh` installs both)."""

import contextlib
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
VCL = ROOT / "deploy" / "varnish.vcl"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def program(name, package):
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin")
    if not found:
        message = f"{name} is not installed (bash scripts/services.sh {package})"
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the {package} tests: {message}", pytrace=False)
        pytest.skip(message)
    return found


def scratch_dir(prefix):
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)  # nginx's workers and varnishd's compiler run as other users
    return path


def wait_for_port(port, process, name):
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"{name} did not start: {output}")
            time.sleep(0.1)
    pytest.fail(f"{name} did not answer within 10 s")


@contextlib.contextmanager
def varnish(app_port):
    """varnishd with the shipped VCL, its backend the app on `app_port`; yields its URL."""
    binary = program("varnishd", "varnish")
    vcl = VCL.read_text().replace('.port = "8000";', f'.port = "{app_port}";')
    assert f'.port = "{app_port}";' in vcl
    tmp = scratch_dir("kc-varnish-")
    (tmp / "test.vcl").write_text(vcl)
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [binary, "-F", "-n", str(tmp / "varnish"), "-a", f"127.0.0.1:{port}", "-f", str(tmp / "test.vcl"),
         "-s", "malloc,32m", "-T", "127.0.0.1:0"],  # fmt: skip
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, process, "varnishd")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def nginx(upstream_port):
    """nginx with the shipped configuration (a throw-away certificate, its logs in a scratch
    folder), passing to `upstream_port`. Yields (https URL, log folder)."""
    binary = program("nginx", "nginx")
    tmp = scratch_dir("kc-nginx-")
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(
        [shutil.which("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=pesten.example.be", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    port, plain_port = free_port(), free_port()
    conf = NGINX_CONF.read_text()
    conf = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", conf)
    conf = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", conf)
    conf = conf.replace("/var/log/nginx/", f"{tmp}/").replace("listen [::]:443 ssl http2;", "")
    conf = conf.replace("listen [::]:80;", "").replace("listen 80;", f"listen 127.0.0.1:{plain_port};")
    conf = conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl;")
    conf = conf.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};")
    (tmp / "site.conf").write_text(conf)
    (tmp / "nginx.conf").write_text(
        f"daemon off;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{}}\n"
        f"http {{\n    include {tmp}/site.conf;\n}}\n"
    )
    process = subprocess.Popen(  # noqa: S603
        [binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        wait_for_port(port, process, "nginx")
        yield f"https://127.0.0.1:{port}", tmp
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


def fetch(url, user_agent="Mozilla/5.0", **headers):
    """GET through a proxy (its self-made certificate accepted); returns (headers, body bytes)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, **headers})  # noqa: S310
    with urllib.request.urlopen(request, context=context, timeout=10) as response:  # noqa: S310
        return response.headers, response.read()
