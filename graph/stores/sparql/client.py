"""HTTP to a SPARQL server: the Protocol's query and update requests, and N-Quads posted to its
Graph Store, with timeouts, retries and errors a person can act on.

`requests` is the client: it is already installed with diplograph (spaCy depends on it), keeps
connections alive across a load's thousands of requests, and verifies TLS certificates by
default (``REQUESTS_CA_BUNDLE`` names a private CA). Credentials come only from
``DIPLOGRAPH_SPARQL_USER`` and ``DIPLOGRAPH_SPARQL_PASSWORD`` (HTTP basic), never from a command
line that other users can read in the process list.

Connection failures and 5xx answers are retried with exponential backoff: every request this
backend sends can be repeated safely (a query; an update that writes absolute values; quads
added to a set), so a server restarting or briefly overloaded costs a pause, not a failed load.
Any other failure becomes one `StoreError` or `QueryError` line that names the URL and the fix.
"""

from __future__ import annotations

import os
import re
import time
from typing import Any

import requests

from diplograph.errors import QueryError, StoreError
from diplograph.graph.stores.sparql.endpoints import union_params

USER_ENV, PASSWORD_ENV = "DIPLOGRAPH_SPARQL_USER", "DIPLOGRAPH_SPARQL_PASSWORD"
#: Seconds to wait for a connection: a server that is there answers in milliseconds.
CONNECT_TIMEOUT = 10.0
RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
#: The first keyword of an update, after any PREFIX/BASE lines and comments.
_UPDATE = re.compile(r"^(?:\s|#[^\n]*|(?:PREFIX|BASE)\s[^\n]*)*"
                     r"(INSERT|DELETE|DROP|CLEAR|LOAD|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


class SparqlClient:
    """One server's endpoints over one keep-alive HTTP session.

    Args:
        query_url, update_url, gsp_url: the three endpoints (`endpoints.layout`).
        timeout: seconds to wait for an answer (a connection gets at most `CONNECT_TIMEOUT`).
        retries: further attempts after a connection failure or a 5xx answer.
        backoff: seconds before the first retry, doubled for each next one.
    """

    def __init__(self, query_url: str, update_url: str, gsp_url: str, *, timeout: float = 300.0,
                 retries: int = 3, backoff: float = 0.5):
        self.query_url, self.update_url, self.gsp_url = query_url, update_url, gsp_url
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.session = requests.Session()
        user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        if user:
            self.session.auth = (user, password or "")
        self.union: dict[str, str] = {}

    def probe(self) -> None:
        """Ask ``ASK {}`` once: checks the address and learns how to ask for the union graph."""
        response = self._send("POST", self.query_url, "query", data={"query": "ASK {}"},
                              headers={"Accept": RESULTS_JSON})
        self.union = union_params(response.headers)

    def query(self, text: str) -> dict[str, Any] | str:
        """A query's answer: the SPARQL JSON results (SELECT, ASK) or N-Triples text
        (CONSTRUCT, DESCRIBE)."""
        response = self._send("POST", self.query_url, "query",
                              data={"query": text, **self.union},
                              headers={"Accept": f"{RESULTS_JSON}, {N_TRIPLES};q=0.9"},
                              text=text)
        if response.headers.get("Content-Type", "").startswith(RESULTS_JSON):
            return response.json()
        return response.text

    def update(self, text: str) -> None:
        """Run a SPARQL Update request (one transaction on Fuseki and Oxigraph)."""
        self._send("POST", self.update_url, "update", data={"update": text}, text=text)

    def post_quads(self, nquads: str) -> None:
        """Add N-Quads to the dataset through the Graph Store endpoint, each into its graph."""
        self._send("POST", self.gsp_url, "gsp", data=nquads.encode("utf-8"),
                   headers={"Content-Type": N_QUADS})

    def close(self) -> None:
        self.session.close()

    def _send(self, method: str, url: str, role: str, *, text: str = "",
              **kwargs: Any) -> requests.Response:
        """One request, retried on connection failures and 5xx; an error for any other failure."""
        wait = self.backoff
        for attempt in range(self.retries + 1):
            try:
                response = self.session.request(
                    method, url, timeout=(min(CONNECT_TIMEOUT, self.timeout), self.timeout),
                    **kwargs)
            except requests.exceptions.SSLError as err:
                raise StoreError(
                    f"the TLS certificate of {url} could not be verified ({_reason(err)}); fix "
                    "the server's certificate, or name your CA bundle in REQUESTS_CA_BUNDLE"
                ) from err
            except (requests.ConnectionError, requests.Timeout) as err:
                if attempt == self.retries:
                    raise StoreError(
                        f"cannot reach the SPARQL endpoint {url} after {attempt + 1} "
                        f"attempt(s): {_reason(err)}; is the server running and the address "
                        "right? (a load cut short here resumes when run again)") from err
            else:
                if response.status_code < 500 or attempt == self.retries:
                    _check(response, url, role, text)
                    return response
            time.sleep(wait)
            wait *= 2
        raise AssertionError("unreachable")


def _check(response: requests.Response, url: str, role: str, text: str) -> None:
    """Turn a failed answer into one line that says what to do."""
    status = response.status_code
    if status < 300:
        return
    body = " ".join(response.text.split())[:300]
    if status == 401:
        given = "were refused" if response.request.headers.get("Authorization") else "are needed"
        raise StoreError(f"{url} answered 401 Unauthorized: credentials {given}; set "
                         f"{USER_ENV} and {PASSWORD_ENV}")
    if status in (404, 405) and role == "query":
        raise StoreError(f"no SPARQL query endpoint at {url} (HTTP {status}); give the right "
                         "address with --store (Fuseki: http://host:3030/DATASET, oxigraph "
                         "serve: http://host:7878)")
    if role != "query" and (status in (403, 405) or "read-only" in body.lower()):
        flag = "--sparql-update" if role == "update" else "--gsp"
        raise StoreError(f"{url} refused a write (HTTP {status}: {body}): the endpoint is "
                         f"read-only; give a writable endpoint with {flag}, or allow updates on "
                         "the server (fuseki --update; oxigraph serve, not serve-read-only)")
    if status == 404:
        flag = "--sparql-update" if role == "update" else "--gsp"
        raise StoreError(f"no SPARQL {role} endpoint at {url} (HTTP 404); give the right URL "
                         f"with {flag}")
    if status == 415:
        raise StoreError(f"{url} does not accept N-Quads posted to the dataset (HTTP 415), which "
                         "this backend needs to write articles; give a Graph Store endpoint that "
                         "does with --gsp")
    if status == 400 and role in ("query", "update"):
        hint = ""
        if role == "query" and _UPDATE.match(text):
            hint = "; this is an update: it needs write=True (diplograph query --write)"
        raise QueryError(f"the endpoint {url} rejected the {role} as malformed (a syntax error, "
                         f"or a feature this server does not support): {body}{hint}")
    raise StoreError(f"{url} answered HTTP {status}: {body}")


def _reason(err: Exception) -> str:
    """The innermost cause of a requests error, without urllib3's object reprs."""
    text = str(err)
    found = re.findall(r"(?:Errno \d+\] |: )([A-Z][^'\")]*)", text)
    return found[-1].strip() if found else text[:200]

