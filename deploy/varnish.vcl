# Varnish in front of gunicorn (Debian's `varnish` package, VCL 4.1): anonymous pages come from
# memory; editors, the admin and POSTs go straight to the app. Chain: nginx (TLS, compression,
# deploy/nginx.conf) -> Varnish on 127.0.0.1:6081 -> gunicorn on 127.0.0.1:8000.
#   varnishd -a 127.0.0.1:6081 -f /etc/varnish/kenniscentrum.vcl -s malloc,256m
# and in the app's environment FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:6081: Wagtail's
# frontend cache then sends PURGE on every publish, unpublish, move and delete, and
# core.pagecache on every other content change (taxonomy, help lines, settings, glossary...).
# tests/test_varnish.py runs this file in front of the app.
vcl 4.1;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 35s;
}

# Only the app servers may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Any purge drops every stored page: a changed page also shows in listings, menus and
        # related items elsewhere, and editors change content rarely next to visits.
        ban("obj.status != 0");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)/") {
        return (pass);
    }
    # Document downloads always reach the app: it checks private collections and counts them.
    if (req.url ~ "^/documenten/") {
        return (pass);
    }
    # A logged-in editor (a session) always gets a fresh page from the app.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Visitors get no cookies from the site; any other cookie must not split the cache.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # The app says how long (Cache-Control: s-maxage; shorter for "nu open"). Pages that must
    # not be kept (no-store, private: help pages, search with a query) are not stored, and
    # nothing stale is served after that time.
    set beresp.grace = 0s;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}
