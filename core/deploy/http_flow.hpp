// A request's trip through the simulated host: host port → docker-proxy → the container that
// publishes it → nginx (route, proxy to an upstream over the compose network) → gunicorn →
// the AppHandler. Every hop is written to `trace`, and nginx's access/error log lines go to the
// nginx container's logs as nginx would write them. Also the `curl` command.
#pragma once

#include <string>
#include <vector>

#include "core/deploy/context.hpp"
#include "core/deploy/http.hpp"

namespace gramlab::deploy {

struct HttpOutcome {
    bool connected = false;  // false: curl could not connect (curl_error says why)
    std::string curl_error;  // "curl: (7) Failed to connect to localhost port 80: Connection refused"
    HttpResponse response;
    std::vector<std::string> trace;
};

//! Sends `req` to `host:port` from the EC2 host (curl http://localhost/...). Records the exchange
//! in world.requests.
HttpOutcome http_request(DeployContext& ctx, const std::string& host, int port, const HttpRequest& req);

}  // namespace gramlab::deploy
