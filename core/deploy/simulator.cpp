// The pipeline script: initial world, one push, the workflow run, and the requests that check the
// result; faults rewrite the scenario or act on the world between those stages.
#include "core/deploy/simulator.hpp"

#include <nlohmann/json.hpp>

#include "core/common/diagnostic.hpp"
#include "core/deploy/actions_runner.hpp"
#include "core/deploy/compose.hpp"
#include "core/deploy/context.hpp"
#include "core/deploy/django_app.hpp"
#include "core/deploy/docker.hpp"
#include "core/deploy/dockerfile.hpp"
#include "core/deploy/http_flow.hpp"
#include "core/deploy/nginx_conf.hpp"
#include "core/deploy/sh_parser.hpp"
#include "core/deploy/workflow.hpp"
#include "core/deploy/yaml_reader.hpp"

namespace gramlab::deploy {

namespace {

constexpr const char* kWorkflowPath = ".github/workflows/deploy.yml";

const char* kFaultNames[] = {"missing-secret", "path-typo",         "db-in-prod-terminated", "web-down",
                             "port-in-use",    "cmd-to-entrypoint", "no-build-after-change"};

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string replace_first(std::string s, const std::string& from, const std::string& to) {
    size_t p = s.find(from);
    if (p != std::string::npos) s.replace(p, from.size(), to);
    return s;
}

std::string env_value(const std::string& env_text, const std::string& key) {
    size_t p = 0;
    while (p < env_text.size()) {
        size_t nl = env_text.find('\n', p);
        std::string line = env_text.substr(p, nl == std::string::npos ? std::string::npos : nl - p);
        p = nl == std::string::npos ? env_text.size() : nl + 1;
        if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
    }
    return "";
}

void fresh_host(World& w) {
    w.host = Fs();
    w.host.mkdir_p("/home/ubuntu/.ssh");
    w.host.write("/home/ubuntu/.ssh/authorized_keys", "ssh-rsa AAAAB3NzaC1yc2E... github-actions\n");
    w.host.mkdir_p("/tmp");
    w.host_ports = {{22, "sshd"}};
    w.images.clear();
    w.containers.clear();
    w.networks.clear();
    w.volumes.clear();
}

std::string commit_of(const Fs& repo) {
    std::string all;
    for (const auto& [p, n] : repo.nodes()) all += p + "\n" + n.content;
    return content_hash(all) + content_hash("c" + all).substr(0, 8);
}

void push(DeployContext& ctx, const Scenario& s, const std::string& title) {
    ctx.step(title);
    ctx.world.repo = Fs();
    for (const auto& [path, text] : s.files) ctx.world.repo.write("/" + path, text);
    ctx.world.pushed_commit = commit_of(ctx.world.repo);
    if (ctx.timeline) {
        ctx.timeline->log("$ git push origin main");
        ctx.timeline->log("To github.com:learner/gramlab-app.git");
        ctx.timeline->log("   0000000.." + ctx.world.pushed_commit.substr(0, 7) + "  main -> main");
    }
}

bool deploy(DeployContext& ctx, const Scenario& s) {
    auto it = s.files.find(kWorkflowPath);
    if (it == s.files.end()) {
        ctx.step("GitHub Actions: no workflow");
        ctx.timeline->log("(no " + std::string(kWorkflowPath) + " in the repository: nothing runs on push)");
        return false;
    }
    auto wf = parse_workflow(it->second, kWorkflowPath);
    if (!wf.ok()) {
        ctx.step("GitHub Actions: invalid workflow file");
        ctx.timeline->log(render_error(it->second, wf.error()));
        ctx.mark("failed");
        return false;
    }
    ActionsRun run;
    run.secrets = s.secrets;
    return run_workflow(ctx, wf.value(), run);
}

void request(DeployContext& ctx, const std::string& path) {
    ctx.step("curl http://localhost" + path + " (on the EC2 host)");
    HttpRequest req;
    req.path = path;
    HttpOutcome o = http_request(ctx, "localhost", 80, req);
    for (const auto& t : o.trace) ctx.timeline->log(t);
    if (!o.connected) {
        ctx.timeline->log(o.curl_error);
        ctx.mark("failed");
        return;
    }
    ctx.timeline->log("HTTP/1.1 " + std::to_string(o.response.status) + " " + o.response.reason);
    ctx.timeline->write(o.response.body);
    if (!o.response.body.empty() && o.response.body.back() != '\n') ctx.timeline->write("\n");
    if (o.response.status >= 400) ctx.mark("failed");
}

}  // namespace

std::string fault_name(Fault f) {
    return kFaultNames[static_cast<int>(f)];
}

namespace {

// The posts users made before the story starts, as a fixture of the app's Post model.
std::string seed_fixture(const std::string& app, const std::vector<std::pair<int, std::string>>& posts) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [pk, fields] : posts)
        out.push_back(
            {{"model", app + ".post"}, {"pk", pk}, {"fields", nlohmann::json::parse(fields, nullptr, false)}});
    return out.dump();
}

// The project the scenario's files make (as if deployed at "/").
Result<ProjectFiles> scenario_project(const Scenario& s) {
    Fs fs;
    for (const auto& [path, text] : s.files) fs.write("/" + path, text);
    return deployed_project(fs, "/");
}

}  // namespace

void seed_external_database(World& w, const Scenario& s) {
    auto env = s.secrets.find("ENV_VARS");
    std::string rds = env_value(env == s.secrets.end() ? "" : env->second, "SQL_HOST");
    if (rds.empty() || rds.find('.') == std::string::npos) return;
    Database& d = w.databases["rds:" + rds];
    auto files = scenario_project(s);
    if (!files.ok()) return;  // no app to migrate: the database exists, empty
    seed_database(d, files.value(),
                  seed_fixture(files->app_label, {{1,
                                                   "{\"title\":\"첫 번째 글\",\"content\":\"Hello, "
                                                   "gramlab!\",\"created_at\":\"2021-10-07T12:00:00Z\",\"likes\":3}"},
                                                  {2,
                                                   "{\"title\":\"Deploy day\",\"content\":\"nginx → gunicorn → "
                                                   "Django\",\"created_at\":\"2021-10-07T12:30:00Z\",\"likes\":5}"}}));
}

std::vector<Fault> all_faults() {
    return {Fault::kMissingSecret, Fault::kPathTypo,        Fault::kDbInProdTerminated,    Fault::kWebDown,
            Fault::kPortInUse,     Fault::kCmdToEntrypoint, Fault::kNoBuildAfterCodeChange};
}

bool parse_fault(const std::string& name, Fault& out) {
    for (Fault f : all_faults())
        if (fault_name(f) == name) {
            out = f;
            return true;
        }
    return false;
}

Result<Scenario> scenario_from_files(const std::map<std::string, std::string>& files) {
    Scenario s;
    for (const auto& [path, text] : files) {
        if (path == "secrets.yml") {
            auto y = parse_yaml(text, path);
            if (!y.ok()) return y.take_error();
            for (const auto& [k, v] : y->entries) s.secrets[k.scalar] = v.str();
        } else {
            s.files[path] = text;
        }
    }
    return s;
}

std::vector<Error> check_scenario(const Scenario& s) {
    std::vector<Error> out;
    for (const auto& [path, text] : s.files) {
        std::string base = Fs::basename(path);
        if (path.rfind(".github/workflows/", 0) == 0 && (ends_with(path, ".yml") || ends_with(path, ".yaml"))) {
            auto r = parse_workflow(text, path);
            if (!r.ok()) out.push_back(r.error());
        } else if (base.rfind("docker-compose", 0) == 0 && (ends_with(base, ".yml") || ends_with(base, ".yaml"))) {
            std::map<std::string, std::string> vars;
            auto r = parse_compose(text, path, vars);
            if (!r.ok()) out.push_back(r.error());
        } else if (base.rfind("Dockerfile", 0) == 0) {
            auto r = parse_dockerfile(text, path);
            if (!r.ok()) out.push_back(r.error());
        } else if (ends_with(base, ".conf") && path.find("nginx") != std::string::npos) {
            auto r = parse_nginx_conf(text, path, "http");
            if (!r.ok()) out.push_back(r.error());
        } else if (ends_with(base, ".sh")) {
            auto r = parse_sh(text, path);
            if (!r.ok()) out.push_back(r.error());
        }
    }
    return out;
}

Simulator::Simulator(Scenario scenario, std::set<Fault> faults, AppHandler* app)
    : scenario_(std::move(scenario)), faults_(std::move(faults)), app_(app) {
    record();
}

void Simulator::record() {
    errors_ = check_scenario(scenario_);
    Scenario s = scenario_;
    world_ = std::make_unique<World>();
    World& w = *world_;
    fresh_host(w);
    seed_external_database(w, s);
    if (faults_.count(Fault::kMissingSecret)) s.secrets.erase("ENV_VARS");
    if (faults_.count(Fault::kPathTypo) && s.files.count(kWorkflowPath))
        s.files[kWorkflowPath] =
            replace_first(s.files[kWorkflowPath], "config/scripts/deploy.sh", "config/script/deploy.sh");
    if (faults_.count(Fault::kCmdToEntrypoint) && s.files.count("Dockerfile.prod")) {
        std::string& df = s.files["Dockerfile.prod"];
        size_t p = df.rfind("\nCMD ");
        if (p != std::string::npos) df.replace(p + 1, 3, "ENTRYPOINT");
    }
    if (faults_.count(Fault::kPortInUse)) w.host_ports[80] = "apache2 (pid 733)";
    if (faults_.count(Fault::kDbInProdTerminated)) {
        if (s.files.count("docker-compose.prod.yml")) {
            std::string& c = s.files["docker-compose.prod.yml"];
            c = replace_first(c, "  nginx:\n",
                              "  db:\n    image: postgres:12.0-alpine\n    volumes:\n      - "
                              "postgres_data:/var/lib/postgresql/data/\n"
                              "    environment:\n      - POSTGRES_USER=instagram\n      - POSTGRES_PASSWORD=instagram\n"
                              "      - POSTGRES_DB=instagram\n  nginx:\n");
            c = replace_first(c, "    env_file:\n", "    depends_on:\n      - db\n    env_file:\n");
            c += "\nvolumes:\n  postgres_data:\n";
        }
        if (s.secrets.count("ENV_VARS")) {
            std::string& e = s.secrets["ENV_VARS"];
            size_t p = e.find("SQL_HOST=");
            if (p != std::string::npos)
                e.replace(p, e.find('\n', p) == std::string::npos ? std::string::npos : e.find('\n', p) - p,
                          "SQL_HOST=db");
        }
    }
    timeline_ = std::make_unique<Timeline>(w);
    DeployContext ctx{w, timeline_.get(), app_, {}};
    Scenario first = s;
    if (faults_.count(Fault::kNoBuildAfterCodeChange)) {
        // The previous commit: models.py without the field the change adds.
        for (auto& [path, text] : first.files)
            if (ends_with(path, "models.py"))
                text = replace_first(text, "    likes = models.IntegerField(default=0)\n", "");
    }
    push(ctx, first, faults_.count(Fault::kNoBuildAfterCodeChange) ? "git push (previous commit)" : "git push");
    deploy(ctx, first);
    if (faults_.count(Fault::kDbInProdTerminated)) {
        ctx.step("Users create posts (stored in the db container's volume on this instance)");
        ctx.timeline->log("The app's tables are migrated and a user posts through the app.");
        auto files = scenario_project(s);
        for (const auto& [name, v] : w.volumes)
            if (name.find("postgres_data") != std::string::npos && files.ok())
                seed_database(
                    w.databases["volume:" + name], files.value(),
                    seed_fixture(files->app_label,
                                 {{1,
                                   "{\"title\":\"Stored on the instance\",\"content\":\"I "
                                   "live in a Docker volume\",\"created_at\":\"2021-10-07T12:00:00Z\",\"likes\":1}"}}));
        request(ctx, "/api/posts/");
        ctx.step("EC2 instance " + w.host_instance + " terminated");
        ctx.timeline->log("The instance's disk is deleted with it: images, containers and named volumes are gone.");
        for (const auto& [name, v] : w.volumes) w.databases.erase("volume:" + name);
        fresh_host(w);
        w.host_alive = false;
        ctx.step("New EC2 instance launched");
        w.host_alive = true;
        w.host_instance = "i-0a1b2c3d4e5f60002";
        ctx.timeline->log("Same address, empty disk. Re-running the workflow deploys the app again.");
        push(ctx, s, "git push (redeploy to the new instance)");
        deploy(ctx, s);
    }
    if (faults_.count(Fault::kNoBuildAfterCodeChange)) {
        request(ctx, "/api/posts/");
        Scenario second = s;
        for (auto& [path, text] : second.files)
            if (ends_with(path, "deploy.sh")) text = replace_first(text, " --build", "");
        push(ctx, second, "git push (models.py changed; deploy.sh without --build)");
        deploy(ctx, second);
    }
    if (faults_.count(Fault::kWebDown)) {
        ctx.step("docker stop ubuntu_web_1 (the web container goes down)");
        for (auto& [name, c] : w.containers)
            if (c.service == "web") {
                docker_stop(ctx, name);
                ctx.timeline->log(name);
            }
    }
    request(ctx, "/api/posts/");
    timeline_->end();
    position_ = std::min(position_, steps().size());
}

bool Simulator::forward() {
    if (position_ >= steps().size()) return false;
    ++position_;
    return true;
}

bool Simulator::back() {
    if (position_ == 0) return false;
    --position_;
    return true;
}

bool Simulator::run_to_failure() {
    for (size_t i = 0; i < steps().size(); ++i) {
        if (steps()[i].status == "failed") {
            position_ = i + 1;
            return true;
        }
    }
    position_ = steps().size();
    return false;
}

void Simulator::set_fault(Fault f, bool on) {
    if (on)
        faults_.insert(f);
    else
        faults_.erase(f);
    record();
}

}  // namespace gramlab::deploy
