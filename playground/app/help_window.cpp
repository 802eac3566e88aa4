// The Help window: an ORM cheat sheet whose snippets run in the Shell with one click (on the
// Instagram example's models), and the material's lessons as short guided tours (Docker vs
// docker-compose, the dev vs the prod compose file, CMD vs ENTRYPOINT) whose "Try it" steps
// run real commands on the deploy simulator's host (gramlab.deploy.sh) and show the output.
// Texts are in English and Korean (the UI language).
#include <string>
#include <vector>

#include <imgui.h>

#include "playground/app/app.hpp"
#include "playground/app/core_bridge.hpp"
#include "playground/app/i18n.hpp"

namespace gramlab::playground {

namespace {

struct Text {
    const char* en;
    const char* ko;
    const char* get() const { return language() == Language::kKorean ? ko : en; }
};

struct Snippet {
    Text what;
    const char* code;
};

struct Section {
    Text title;
    std::vector<Snippet> snippets;
};

const std::vector<Section>& cheat_sheet() {
    static const std::vector<Section> sections = {
        {{"Read", "조회"},
         {{{"every row (a lazy QuerySet)", "모든 행 (지연 평가되는 QuerySet)"}, "Post.objects.all()"},
          {{"one row by primary key", "기본 키로 한 행"}, "Post.objects.get(pk=1)"},
          {{"how many", "개수"}, "Post.objects.count()"},
          {{"first by an ordering", "정렬 기준 첫 행"}, "User.objects.order_by('username').first()"},
          {{"only some columns, as dicts", "일부 열만, dict로"}, "User.objects.values('instagram_id', 'username')"},
          {{"as tuples / a flat list", "튜플 / 평평한 리스트로"}, "User.objects.values_list('username', flat=True)"}}},
        {{"Filter", "필터"},
         {{{"equal", "같음"}, "User.objects.filter(is_professional=True)"},
          {{"contains (LIKE)", "포함 (LIKE)"}, "Post.objects.filter(post_content__contains='맛집')"},
          {{"greater than", "보다 큼"}, "Post.objects.filter(numOfLike__gt=100)"},
          {{"across a relation", "관계를 따라"}, "Post.objects.filter(post_author__username='김민지')"},
          {{"OR with Q", "Q로 OR"}, "Post.objects.filter(Q(numOfLike__gt=100) | Q(location='서울'))"},
          {{"exclude", "제외"}, "Post.objects.exclude(is_comment=True)"},
          {{"compare two columns with F", "F로 두 열 비교"}, "Post.objects.filter(numOfLike__gt=F('id'))"}}},
        {{"Relations and N+1", "관계와 N+1"},
         {{{"forward FK", "정방향 FK"}, "Post.objects.first().post_author"},
          {{"reverse FK (related_name)", "역방향 FK (related_name)"}, "User.objects.first().posts.all()"},
          {{"one JOIN instead of N queries", "N번 대신 JOIN 한 번"},
           "[p.post_author.username for p in Post.objects.select_related('post_author')]"},
          {{"2 queries instead of N+1", "N+1 대신 쿼리 2번"},
           "[len(p.images.all()) for p in Post.objects.prefetch_related('images')]"}}},
        {{"Aggregate", "집계"},
         {{{"count per row", "행마다 개수"}, "Post.objects.annotate(n=Count('comment')).values('id', 'n')"},
          {{"over the table", "테이블 전체"}, "Post.objects.aggregate(total=Count('id'))"}}},
        {{"Write", "쓰기"},
         {{{"create", "생성"}, "u = User.objects.create(instagram_id='new_id', username='새 사용자')"},
          {{"update many", "여러 행 수정"}, "Post.objects.filter(location='서울').update(numOfLike=F('numOfLike') + 1)"},
          {{"delete (cascades)", "삭제 (연쇄 삭제)"}, "Post.objects.filter(numOfLike=0).delete()"},
          {{"see the SQL of a QuerySet", "QuerySet의 SQL 보기"}, "print(Post.objects.filter(numOfLike__gt=10).query)"}}},
    };
    return sections;
}

struct TourPage {
    Text title;
    Text body;
    const char* commands;  // lines for gramlab.deploy.sh ("" when none)
};

struct Tour {
    Text title;
    std::vector<TourPage> pages;
};

const std::vector<Tour>& tours() {
    static const std::vector<Tour> list = {
        {{"Docker vs docker-compose", "Docker와 docker-compose"},
         {{{"One image, one container", "이미지 하나, 컨테이너 하나"},
           {"`docker build` turns a Dockerfile into an image; `docker run` starts one container from it. Every "
            "option (ports, environment, networks) is typed on the command line, one container at a time.",
            "`docker build`는 Dockerfile로 이미지를 만들고, `docker run`은 그 이미지로 컨테이너 하나를 띄웁니다. "
            "포트, 환경 변수, 네트워크 같은 옵션은 컨테이너마다 명령줄에 직접 적어야 합니다."},
           "cat Dockerfile\ndocker build -t web .\ndocker run -d --name web1 -p 8000:8000 web\ndocker ps"},
          {{"Many services in one file", "서비스 여러 개를 파일 하나에"},
           {"docker-compose reads docker-compose.yml: each service (web, db) with its build, command, environment, "
            "ports and volumes. One `up` creates a network where services find each other by name (web reaches the "
            "database at host `db`).",
            "docker-compose는 docker-compose.yml을 읽습니다. 서비스(web, db)마다 build, command, environment, ports, "
            "volumes가 적혀 있고, `up` 한 번으로 네트워크가 만들어져 서비스끼리 이름으로 찾습니다 (web은 `db`라는 "
            "호스트로 데이터베이스에 접속)."},
           "cat docker-compose.yml\ndocker rm -f web1\ndocker-compose up -d\ndocker ps"},
          {{"down keeps named volumes", "down은 이름 있는 볼륨을 남깁니다"},
           {"`docker-compose down` removes the containers and the network, but the named volume with the "
            "database stays; `down -v` deletes it too.",
            "`docker-compose down`은 컨테이너와 네트워크를 지우지만 데이터베이스가 든 이름 있는 볼륨은 남깁니다. "
            "`down -v`는 볼륨까지 지웁니다."},
           "docker-compose down\ndocker volume ls"}}},
        {{"Dev vs prod compose", "개발용과 운영용 compose"},
         {{{"Development", "개발"},
           {"docker-compose.yml is for your machine: Django's runserver with DEBUG=1, the code mounted into the "
            "container, and a PostgreSQL container whose data lives in a named volume.",
            "docker-compose.yml은 내 컴퓨터용입니다. DEBUG=1로 Django runserver를 띄우고, 코드를 컨테이너에 "
            "마운트하고, 데이터는 이름 있는 볼륨의 PostgreSQL 컨테이너에 둡니다."},
           "cat docker-compose.yml"},
          {{"Production", "운영"},
           {"docker-compose.prod.yml is what deploy.sh runs on EC2: gunicorn instead of runserver, nginx in front "
            "on port 80, no database container (the database is RDS, named in .env), and the web port is not "
            "published: only nginx can reach it.",
            "docker-compose.prod.yml은 EC2에서 deploy.sh가 실행하는 파일입니다. runserver 대신 gunicorn, 앞단 80번 "
            "포트에 nginx, 데이터베이스 컨테이너 없음 (.env에 적힌 RDS 사용), web 포트는 공개하지 않아 nginx만 "
            "접근할 수 있습니다."},
           "cat docker-compose.prod.yml\ncat nginx/nginx.conf"},
          {{"Run it", "실행해 보기"},
           {"Bring the prod stack up and ask nginx for the posts; port 8000 is closed from the host.",
            "운영 스택을 띄우고 nginx에 글 목록을 요청해 봅니다. 호스트에서 8000번 포트는 닫혀 있습니다."},
           "docker-compose -f docker-compose.prod.yml up --build -d\ncurl -s localhost/api/posts/\ncurl -s "
           "localhost:8000/api/posts/"}}},
        {{"CMD vs ENTRYPOINT", "CMD와 ENTRYPOINT"},
         {{{"CMD is a default", "CMD는 기본값"},
           {"CMD is the command a container runs when `docker run` names none; arguments after the image name "
            "replace it.",
            "CMD는 `docker run`에 명령을 주지 않았을 때 실행되는 기본 명령입니다. 이미지 이름 뒤에 인자를 주면 "
            "CMD를 대체합니다."},
           "echo 'FROM python:3.8-slim' > Dockerfile.cmd\necho 'CMD [\"echo\", \"hello from CMD\"]' >> "
           "Dockerfile.cmd\ndocker build -t cmd-demo -f Dockerfile.cmd .\ndocker run --rm cmd-demo\ndocker run --rm "
           "cmd-demo echo replaced"},
          {{"ENTRYPOINT is the program", "ENTRYPOINT는 실행 파일"},
           {"ENTRYPOINT always runs; arguments after the image name (or CMD) are appended to it.",
            "ENTRYPOINT는 항상 실행되고, 이미지 이름 뒤의 인자(또는 CMD)가 그 뒤에 덧붙습니다."},
           "echo 'FROM python:3.8-slim' > Dockerfile.ep\necho 'ENTRYPOINT [\"echo\", \"hello from ENTRYPOINT\"]' >> "
           "Dockerfile.ep\ndocker build -t ep-demo -f Dockerfile.ep .\ndocker run --rm ep-demo\ndocker run --rm "
           "ep-demo appended"},
          {{"Why the deploy breaks", "배포가 깨지는 이유"},
           {"If Dockerfile.prod says ENTRYPOINT where it said CMD, compose's `command: gunicorn ...` is appended "
            "to it: gunicorn gets its own name as arguments and exits. Turn on the fault `cmd-to-entrypoint` in "
            "the Deploy window to watch it.",
            "Dockerfile.prod의 CMD를 ENTRYPOINT로 바꾸면 compose의 `command: gunicorn ...`이 그 뒤에 붙어 gunicorn이 "
            "자기 이름을 인자로 받고 종료합니다. 배포 창에서 `cmd-to-entrypoint` 장애를 켜고 확인해 보세요."},
           ""}}},
    };
    return list;
}

void draw_cheat_sheet(AppState& app) {
    int n = 0;
    for (const auto& section : cheat_sheet()) {
        if (!ImGui::CollapsingHeader(section.title.get(), n == 0 ? ImGuiTreeNodeFlags_DefaultOpen : 0)) {
            n += static_cast<int>(section.snippets.size());
            continue;
        }
        for (const auto& s : section.snippets) {
            ImGui::PushID(n++);
            ImGui::BeginDisabled(app.shell.running);
            if (ImGui::SmallButton(tr("Run"))) {
                app.show_shell = true;
                app.shell.history.push_back(s.code);
                request_shell(app, s.code);
            }
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.65f, 0.85f, 1.0f, 1.0f), "%s", s.code);
            ImGui::SameLine();
            ImGui::TextDisabled("# %s", s.what.get());
            ImGui::PopID();
        }
    }
}

void draw_tours(AppState& app) {
    HelpState& h = app.help;
    const auto& list = tours();
    if (h.tour < 0 || h.tour >= static_cast<int>(list.size())) {
        for (size_t i = 0; i < list.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Button(list[i].title.get())) {
                h.tour = static_cast<int>(i);
                h.page = 0;
                h.tour_output.clear();
            }
            ImGui::PopID();
        }
        return;
    }
    const Tour& tour = list[static_cast<size_t>(h.tour)];
    const int pages = static_cast<int>(tour.pages.size());
    if (h.page >= pages) h.page = pages - 1;
    const TourPage& page = tour.pages[static_cast<size_t>(h.page)];
    if (ImGui::SmallButton(tr("All tours"))) {
        h.tour = -1;
        return;
    }
    ImGui::SameLine();
    ImGui::Text("%s  (%d/%d)", tour.title.get(), h.page + 1, pages);
    ImGui::Separator();
    ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.45f, 1.0f), "%s", page.title.get());
    ImGui::TextWrapped("%s", page.body.get());
    if (*page.commands) {
        ImGui::Spacing();
        ImGui::TextColored(ImVec4(0.65f, 0.85f, 1.0f, 1.0f), "%s", page.commands);
        ImGui::BeginDisabled(h.busy);
        if (ImGui::Button(tr("Try it"))) {
            h.busy = true;
            request_deploy_sh(app, "help:sh", page.commands);
        }
        ImGui::EndDisabled();
    }
    ImGui::BeginDisabled(h.page == 0);
    if (ImGui::Button(tr("Previous"))) {
        --h.page;
        h.tour_output.clear();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(h.page + 1 >= pages);
    if (ImGui::Button(tr("Next"))) {
        ++h.page;
        h.tour_output.clear();
    }
    ImGui::EndDisabled();
    if (!h.tour_output.empty()) {
        ImGui::BeginChild("tour_output", ImVec2(0, 0), true);
        for (const auto& [cmd, out] : h.tour_output) {
            if (!cmd.empty()) ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "$ %s", cmd.c_str());
            ImGui::TextUnformatted(out.c_str());
        }
        ImGui::EndChild();
    }
}

}  // namespace

void draw_help_window(AppState& app, bool* p_open) {
    if (!ImGui::Begin(id("Help"), p_open)) {
        ImGui::End();
        return;
    }
    if (ImGui::BeginTabBar("help_tabs")) {
        if (ImGui::BeginTabItem(id("ORM cheat sheet"))) {
            ImGui::BeginChild("cheat");
            draw_cheat_sheet(app);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(id("Guided tours"))) {
            draw_tours(app);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

}  // namespace gramlab::playground
