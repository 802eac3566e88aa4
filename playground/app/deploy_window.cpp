// The Deploy window: the simulator's pipeline (gramlab.deploy.pipeline()) as a timeline that
// plays, steps forward and back and resets; fault toggles that record the pipeline again; the
// world at the position as panels (runner, the EC2 host's files, ports, images, containers,
// networks, volumes, databases); the request path internet → nginx → gunicorn → app →
// database as a diagram lit by what is running; a "send request" box whose trace lights the
// hops a request reached; and a terminal on a separate simulated host (gramlab.deploy.sh).
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <imgui.h>

#include "playground/app/app.hpp"
#include "playground/app/core_bridge.hpp"
#include "playground/app/i18n.hpp"

namespace gramlab::playground {

namespace {

const ImVec4 kOk(0.35f, 0.80f, 0.45f, 1.0f);
const ImVec4 kFailed(0.95f, 0.40f, 0.35f, 1.0f);
const ImVec4 kSkipped(0.60f, 0.60f, 0.60f, 1.0f);
const ImVec4 kPending(0.45f, 0.45f, 0.50f, 1.0f);

ImVec4 status_color(const std::string& status) {
    return status == "failed" ? kFailed : status == "skipped" ? kSkipped : kOk;
}

void remember_rect(float* rects, int i) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    rects[i * 4 + 0] = a.x;
    rects[i * 4 + 1] = a.y;
    rects[i * 4 + 2] = b.x;
    rects[i * 4 + 3] = b.y;
}

// A heading line (ImGui 1.86 has no SeparatorText).
void heading(const char* label) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", label);
    ImGui::Separator();
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

// Reset, Back, Step, Play/Pause, End, To failure, and where the position is.
void draw_controls(AppState& app) {
    DeployState& d = app.deploy;
    const int n = static_cast<int>(d.steps.size());
    ImGui::BeginDisabled(d.busy);
    if (ImGui::Button(id("■ Reset"))) {
        d.playing = false;
        d.selected = -1;
        request_deploy(app, "reset");
    }
    remember_rect(d.button_rects, 0);
    ImGui::SameLine();
    ImGui::BeginDisabled(d.position == 0);
    if (ImGui::Button(id("◀ Back"))) {
        d.playing = false;
        d.selected = -1;
        request_deploy(app, "back");
    }
    ImGui::EndDisabled();
    remember_rect(d.button_rects, 1);
    ImGui::SameLine();
    ImGui::BeginDisabled(d.position >= n);
    if (ImGui::Button(id("Step ▶"))) {
        d.playing = false;
        d.selected = -1;
        request_deploy(app, "forward");
    }
    remember_rect(d.button_rects, 2);
    ImGui::SameLine();
    if (ImGui::Button(d.playing ? id("Pause") : id("▶ Play"))) {
        d.playing = !d.playing;
        d.selected = -1;
        d.next_play = ImGui::GetTime();
    }
    remember_rect(d.button_rects, 3);
    ImGui::SameLine();
    if (ImGui::Button(id("To end"))) {
        d.playing = false;
        d.selected = -1;
        request_deploy(app, "end");
    }
    remember_rect(d.button_rects, 4);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(id("To failure"))) {
        d.playing = false;
        d.selected = -1;
        request_deploy(app, "failure");
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Text("%s %d / %d", tr("Step"), d.position, n);
    ImGui::SameLine();
    if (d.position == 0)
        ImGui::TextDisabled("%s", tr("(nothing has happened yet)"));
    else if (d.failed)
        ImGui::TextColored(kFailed, "%s", tr("failed"));
    else if (d.position == n)
        ImGui::TextColored(kOk, "%s", tr("deployed"));
    else
        ImGui::TextColored(kOk, "%s", tr("ok so far"));

    // Play: one step per interval while the window is open.
    if (d.playing && !d.busy) {
        if (d.position >= n) {
            d.playing = false;
        } else if (ImGui::GetTime() >= d.next_play) {
            d.next_play = ImGui::GetTime() + DeployState::kPlayInterval;
            request_deploy(app, "forward");
        }
    }
}

// One checkbox per fault; toggling records the pipeline again (the position is kept).
void draw_faults(AppState& app) {
    DeployState& d = app.deploy;
    if (!ImGui::CollapsingHeader(id("Faults (what if...?)"))) return;
    ImGui::BeginDisabled(d.busy);
    int i = 0;
    for (const auto& f : d.all_faults) {
        bool on = contains(d.faults, f);
        if (i++ % 4 != 0) ImGui::SameLine();
        if (ImGui::Checkbox(f.c_str(), &on)) {
            d.playing = false;
            request_deploy_fault(app, f, on);
        }
    }
    ImGui::EndDisabled();
}

// The steps, coloured by status; steps after the position are dimmed. A click moves there.
void draw_timeline(AppState& app) {
    DeployState& d = app.deploy;
    for (const auto& st : d.steps) {
        const bool applied = st.index <= d.position;
        const bool current = (d.selected < 0 && st.index == d.position) || d.selected == st.index;
        ImGui::PushID(st.index);
        ImGui::TextColored(applied ? status_color(st.status) : kPending, applied ? "●" : "○");
        ImGui::SameLine();
        if (!applied) ImGui::PushStyleColor(ImGuiCol_Text, kPending);
        std::string label = std::to_string(st.index) + ". " + st.title;
        if (ImGui::Selectable(label.c_str(), current)) {
            d.playing = false;
            d.selected = -1;
            if (!d.busy) request_deploy(app, "goto", st.index);
        }
        if (!applied) ImGui::PopStyleColor();
        if (current && d.playing) ImGui::SetScrollHereY(0.5f);
        ImGui::PopID();
    }
}

const DeployStepView* shown_step(const DeployState& d) {
    int index = d.selected >= 0 ? d.selected : d.position;
    for (const auto& st : d.steps)
        if (st.index == index) return &st;
    return nullptr;
}

void draw_step(const DeployState& d) {
    const DeployStepView* st = shown_step(d);
    if (!st) {
        ImGui::TextWrapped("Nothing has happened yet. Press Step or Play: the learner's git push starts the "
                           "pipeline (GitHub Actions → EC2 → docker-compose → nginx → gunicorn → Django).");
        return;
    }
    ImGui::TextColored(status_color(st->status), "[%d] %s  (%s)", st->index, st->title.c_str(), st->status.c_str());
    heading("log");
    for (const auto& line : st->logs) ImGui::TextUnformatted(line.c_str());
    if (st->logs.empty()) ImGui::TextDisabled("(no output)");
    heading("changes");
    for (const auto& c : st->changes) {
        if (c.op == "added")
            ImGui::TextColored(kOk, "+ %s: %s", c.path.c_str(), c.after.c_str());
        else if (c.op == "removed")
            ImGui::TextColored(kFailed, "- %s: %s", c.path.c_str(), c.before.c_str());
        else
            ImGui::TextColored(ImVec4(0.95f, 0.80f, 0.35f, 1.0f), "~ %s: %s → %s", c.path.c_str(), c.before.c_str(),
                               c.after.c_str());
    }
    if (st->changes.empty()) ImGui::TextDisabled("(the world did not change)");
}

// "host:/home/ubuntu/srv/ubuntu/x" files as an indented tree, one machine per node.
void draw_files(const DeployWorldView& w, const char* machine, const char* label) {
    std::string prefix = std::string(machine) + ":";
    size_t count = 0;
    for (const auto& f : w.files) count += f.first.rfind(prefix, 0) == 0;
    std::string header = std::string(label) + " (" + std::to_string(count) + ")";
    if (!ImGui::TreeNode(machine, "%s", header.c_str())) return;
    for (const auto& [key, value] : w.files) {
        if (key.rfind(prefix, 0) != 0) continue;
        std::string path = key.substr(prefix.size());
        int depth = static_cast<int>(std::count(path.begin(), path.end(), '/')) - 1;
        std::string name = path.substr(path.rfind('/') + 1);
        ImGui::Indent(static_cast<float>(std::max(depth, 0)) * 12.0f);
        if (value == "dir")
            ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s/", name.c_str());
        else
            ImGui::Text("%s", name.c_str());
        if (value != "dir") {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", value.c_str());
        }
        ImGui::Unindent(static_cast<float>(std::max(depth, 0)) * 12.0f);
    }
    ImGui::TreePop();
}

void draw_world(const DeployState& d) {
    const DeployWorldView& w = d.world;
    ImGui::Text("EC2 instance %s: %s", w.instance.c_str(), w.host_alive ? "running" : "terminated");
    ImGui::Text("GitHub Actions runner: %s", w.runner_status.empty() ? "idle" : w.runner_status.c_str());
    if (!w.pushed_commit.empty()) ImGui::Text("pushed commit: %s", w.pushed_commit.substr(0, 7).c_str());
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (ImGui::TreeNode("containers", "Containers (%d)", static_cast<int>(w.containers.size()))) {
        if (w.containers.empty()) ImGui::TextDisabled("none");
        if (!w.containers.empty() &&
            ImGui::BeginTable("containers", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            ImGui::TableSetupColumn("NAMES");
            ImGui::TableSetupColumn("IMAGE");
            ImGui::TableSetupColumn("STATUS");
            ImGui::TableSetupColumn("PORTS");
            ImGui::TableSetupColumn("PROCESSES");
            ImGui::TableHeadersRow();
            for (const auto& c : w.containers) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.image.c_str());
                ImGui::TableNextColumn();
                std::string status = c.status == "exited" ? "exited (" + std::to_string(c.exit_code) + ")" : c.status;
                ImGui::TextColored(c.status == "running" ? kOk : kFailed, "%s", status.c_str());
                ImGui::TableNextColumn();
                std::string ports;
                for (const auto& p : c.ports) ports += (ports.empty() ? "" : ", ") + p;
                ImGui::TextUnformatted(ports.c_str());
                ImGui::TableNextColumn();
                for (const auto& p : c.processes) ImGui::TextUnformatted(p.c_str());
            }
            ImGui::EndTable();
        }
        ImGui::TreePop();
    }
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (ImGui::TreeNode("images", "Images (%d)", static_cast<int>(w.images.size()))) {
        for (const auto& i : w.images) {
            ImGui::Text("%s  %s", i.id.substr(0, 12).c_str(), i.tags.empty() ? "<none>" : i.tags.c_str());
            if (!i.entrypoint.empty() || !i.cmd.empty()) {
                ImGui::SameLine();
                ImGui::TextDisabled("ENTRYPOINT %s  CMD %s", i.entrypoint.empty() ? "-" : i.entrypoint.c_str(),
                                    i.cmd.empty() ? "-" : i.cmd.c_str());
            }
        }
        if (w.images.empty()) ImGui::TextDisabled("none");
        ImGui::TreePop();
    }
    if (ImGui::TreeNode("ports", "Host ports (%d)", static_cast<int>(w.host_ports.size()))) {
        for (const auto& [port, who] : w.host_ports) ImGui::Text(":%s  %s", port.c_str(), who.c_str());
        if (w.host_ports.empty()) ImGui::TextDisabled("nothing listens");
        ImGui::TreePop();
    }
    if (ImGui::TreeNode("networks", "Networks and volumes (%d)", static_cast<int>(w.networks.size() + w.volumes.size()))) {
        for (const auto& n : w.networks) ImGui::Text("network %s", n.c_str());
        for (const auto& v : w.volumes) ImGui::Text("volume %s", v.c_str());
        ImGui::TreePop();
    }
    if (ImGui::TreeNode("databases", "Databases (%d)", static_cast<int>(w.databases.size()))) {
        for (const auto& [name, text] : w.databases) ImGui::TextWrapped("%s: %s", name.c_str(), text.c_str());
        ImGui::TreePop();
    }
    draw_files(w, "repo", "GitHub repository files");
    draw_files(w, "runner", "Actions runner files");
    draw_files(w, "host", "EC2 host files");
    if (ImGui::TreeNode("requests", "Requests served (%d)", static_cast<int>(w.requests.size()))) {
        for (const auto& [req, result] : w.requests) ImGui::Text("%s → %s", req.c_str(), result.c_str());
        ImGui::TreePop();
    }
}

// Which hops a request reached, read from its trace ("host:80 → docker-proxy", "nginx: ...",
// "gunicorn: ...", "app: ...", "app: SQL ..." / "app: database ...").
struct Hops {
    bool host = false, nginx = false, gunicorn = false, app = false, db = false;
};
Hops hops_of(const DeployResponseView& r) {
    Hops h;
    for (const auto& t : r.trace) {
        if (t.rfind("host:", 0) == 0) h.host = true;
        if (t.rfind("nginx:", 0) == 0) h.nginx = true;
        if (t.rfind("gunicorn:", 0) == 0) h.gunicorn = true;
        if (t.rfind("app:", 0) == 0) h.app = true;
        if (t.rfind("app: SQL", 0) == 0 || t.rfind("app: database", 0) == 0) h.db = true;
    }
    return h;
}

// internet → EC2 :80 → nginx → gunicorn → Django → database: a box is lit when its part of
// the world is up (a running nginx / web container, a database); after a request, the hops it
// reached are outlined and the last one is red when the answer was an error.
void draw_request_path(const DeployState& d) {
    const DeployWorldView& w = d.world;
    bool port80 = false, nginx = false, web = false;
    for (const auto& [port, who] : w.host_ports) port80 |= port == "80";
    for (const auto& c : w.containers) {
        if (c.status != "running") continue;
        if (c.name.find("nginx") != std::string::npos) nginx = true;
        for (const auto& p : c.processes) web |= p.find("gunicorn") != std::string::npos || p.find("runserver") != std::string::npos;
    }
    const bool db = !w.databases.empty();
    const Hops h = hops_of(d.response);
    const bool answered = d.response.has && d.response.connected;
    const bool error = d.response.has && (!d.response.connected || d.response.status >= 400);
    struct Box {
        const char* title;
        const char* sub;
        bool up, reached;
    };
    const Box boxes[] = {{"internet", "curl / browser", true, d.response.has},
                         {"EC2 :80", "docker-proxy", port80 && w.host_alive, h.host},
                         {"nginx", "reverse proxy", nginx, h.nginx},
                         {"gunicorn", "WSGI server", web, h.gunicorn},
                         {"Django", "the app", web, h.app},
                         {"database", "SQLite / RDS", db, h.db}};
    const int n = 6;
    int last = -1;
    for (int i = 0; i < n; ++i)
        if (boxes[i].reached) last = i;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float fs = ImGui::GetFontSize();  // sizes follow the font (high-DPI scales it)
    const float gap = fs * 1.1f, bh = fs * 2.6f;
    const float bw = std::max(fs * 4.0f, (avail - gap * (n - 1)) / n);
    for (int i = 0; i < n; ++i) {
        ImVec2 a(origin.x + i * (bw + gap), origin.y), b(a.x + bw, a.y + bh);
        ImU32 fill = ImGui::GetColorU32(boxes[i].up ? ImVec4(0.16f, 0.36f, 0.22f, 1.0f) : ImVec4(0.22f, 0.22f, 0.25f, 1.0f));
        dl->AddRectFilled(a, b, fill, 4.0f);
        ImU32 border = ImGui::GetColorU32(ImVec4(0.5f, 0.5f, 0.55f, 1.0f));
        float thick = 1.0f;
        if (boxes[i].reached) {
            border = ImGui::GetColorU32(error && i == last ? kFailed : ImVec4(0.45f, 0.75f, 1.0f, 1.0f));
            thick = 2.5f;
        }
        dl->AddRect(a, b, border, 4.0f, 0, thick);
        dl->PushClipRect(a, b, true);
        dl->AddText(ImVec2(a.x + fs * 0.4f, a.y + fs * 0.25f), ImGui::GetColorU32(ImGuiCol_Text), boxes[i].title);
        dl->AddText(ImVec2(a.x + fs * 0.4f, a.y + fs * 1.35f), ImGui::GetColorU32(ImGuiCol_TextDisabled), boxes[i].sub);
        dl->PopClipRect();
        if (i + 1 < n) {
            ImVec2 p(b.x + 2, a.y + bh / 2), q(b.x + gap - 2, a.y + bh / 2);
            ImU32 c = ImGui::GetColorU32(boxes[i].reached && boxes[i + 1].reached ? ImVec4(0.45f, 0.75f, 1.0f, 1.0f)
                                                                                  : ImVec4(0.5f, 0.5f, 0.55f, 1.0f));
            dl->AddLine(p, q, c, 2.0f);
            dl->AddTriangleFilled(ImVec2(q.x, q.y), ImVec2(q.x - 6, q.y - 4), ImVec2(q.x - 6, q.y + 4), c);
        }
    }
    ImGui::Dummy(ImVec2(avail, bh + 4));
    if (answered)
        ImGui::TextColored(error ? kFailed : kOk, "%s → %d %s", d.response.request.c_str(), d.response.status,
                           d.response.reason.c_str());
    else if (d.response.has)
        ImGui::TextColored(kFailed, "%s → %s", d.response.request.c_str(), d.response.curl_error.c_str());
}

void draw_request_box(AppState& app) {
    DeployState& d = app.deploy;
    static const char* kMethods[] = {"GET", "POST", "HEAD"};
    ImGui::SetNextItemWidth(80);
    ImGui::Combo("##method", &d.method, kMethods, 3);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x - 220));
    bool send = ImGui::InputText("##path", d.path, sizeof d.path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    ImGui::BeginDisabled(d.request_busy);
    send |= ImGui::Button(id("Send request"));
    ImGui::EndDisabled();
    remember_rect(d.button_rects, 5);
    ImGui::SameLine();
    ImGui::TextDisabled("to http://localhost");
    if (send && !d.request_busy) request_deploy_http(app, kMethods[d.method], d.path);
}

void draw_response(const DeployState& d) {
    const DeployResponseView& r = d.response;
    if (!r.has) {
        ImGui::TextWrapped("Send a request to see its trip through the world at this step: which hop answered, "
                           "the SQL the app ran, and the response. It is a what-if: the timeline does not change.");
        return;
    }
    heading("trace");
    for (const auto& t : r.trace) ImGui::TextWrapped("%s", t.c_str());
    if (!r.connected) {
        ImGui::TextColored(kFailed, "%s", r.curl_error.c_str());
        return;
    }
    heading("response");
    ImGui::Text("HTTP/1.1 %d %s", r.status, r.reason.c_str());
    for (const auto& [k, v] : r.headers) ImGui::TextDisabled("%s: %s", k.c_str(), v.c_str());
    ImGui::Spacing();
    ImGui::TextWrapped("%s", r.body.c_str());
}

void draw_terminal(AppState& app) {
    DeployState& d = app.deploy;
    ImGui::TextDisabled("A shell on a fresh simulated EC2 host, in /home/ubuntu/srv/ubuntu with the scenario's files "
                        "(separate from the timeline). Try: docker-compose up -d, docker ps, curl -i localhost");
    const float input_h = ImGui::GetFrameHeightWithSpacing();
    ImGui::BeginChild("term_out", ImVec2(0, -input_h), true);
    for (const auto& [cmd, out] : d.term_lines) {
        ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "$ %s", cmd.c_str());
        if (!out.empty()) ImGui::TextUnformatted(out.c_str());
    }
    if (d.term_scroll) {
        ImGui::SetScrollHereY(1.0f);
        d.term_scroll = false;
    }
    ImGui::EndChild();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##term", d.term_input.data(), d.term_input.size(), ImGuiInputTextFlags_EnterReturnsTrue) &&
        !d.term_busy && d.term_input[0]) {
        d.term_busy = true;
        request_deploy_sh(app, "deploy:sh", d.term_input.data());
        d.term_input[0] = '\0';
        ImGui::SetKeyboardFocusHere(-1);
    }
}

}  // namespace

void draw_deploy_window(AppState& app, bool* p_open) {
    if (!ImGui::Begin(id("Deploy"), p_open)) {
        ImGui::End();
        return;
    }
    DeployState& d = app.deploy;
    if (!d.requested) request_deploy(app, "");
    if (!d.loaded) {
        ImGui::TextDisabled("%s", tr("recording the pipeline..."));
        ImGui::End();
        return;
    }
    if (!d.error.empty()) ImGui::TextColored(kFailed, "%s", d.error.c_str());
    for (const auto& e : d.scenario_errors) ImGui::TextColored(kFailed, "%s", e.c_str());
    draw_controls(app);
    draw_faults(app);
    ImGui::Separator();
    const float left_w = std::max(220.0f, ImGui::GetContentRegionAvail().x * 0.36f);
    ImGui::BeginChild("timeline", ImVec2(left_w, 0), true);
    draw_timeline(app);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("detail", ImVec2(0, 0), false);
    draw_request_path(d);
    draw_request_box(app);
    if (ImGui::BeginTabBar("deploy_tabs")) {
        if (ImGui::BeginTabItem(id("Step"))) {
            ImGui::BeginChild("step");
            draw_step(d);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(id("World"))) {
            ImGui::BeginChild("world");
            draw_world(d);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        const bool select_response = d.select_response;
        d.select_response = false;
        if (ImGui::BeginTabItem(id("Response"), nullptr, select_response ? ImGuiTabItemFlags_SetSelected : 0)) {
            ImGui::BeginChild("response");
            draw_response(d);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(id("Terminal"))) {
            draw_terminal(app);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace gramlab::playground
