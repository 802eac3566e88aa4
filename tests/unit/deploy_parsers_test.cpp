// Parser errors of the deploy simulator, each with the file:line:column and the wording of the
// real tool: yaml-cpp, dash, the Docker classic builder, nginx, docker-compose 1.29, GitHub.
#include <gtest/gtest.h>

#include "core/common/diagnostic.hpp"
#include "core/deploy/compose.hpp"
#include "core/deploy/dockerfile.hpp"
#include "core/deploy/nginx_conf.hpp"
#include "core/deploy/sh_parser.hpp"
#include "core/deploy/workflow.hpp"
#include "core/deploy/yaml_reader.hpp"

namespace gramlab::deploy {
namespace {

template <typename R>
std::string err_of(const R& r, std::string_view text) {
    if (r.ok()) return "ok";
    LineCol lc = line_col(text, r.error().span.valid() ? r.error().span.offset : 0);
    return r.error().file + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " +
           r.error().to_string();
}

// ---- YAML (yaml-cpp messages; the exception never leaves yaml_reader.cpp)

TEST(DeployYamlTest, ParsesMapsSequencesAndScalars) {
    auto r = parse_yaml("a: 1\nb: [x, 'y']\nc:\n  d: \"q\"\n", "f.yml");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->get("a")->scalar, "1");
    EXPECT_EQ(r->get("b")->items.size(), 2u);
    EXPECT_TRUE(r->get("b")->items[1].quoted);
    EXPECT_EQ(r->get("c")->get("d")->scalar, "q");
    EXPECT_EQ(r->get("missing"), nullptr);
}

TEST(DeployYamlTest, SyntaxErrorHasLineColumnAndMessage) {
    std::string text = "jobs:\n  deploy:\n    runs-on: ubuntu\n   steps: x\n";
    // yaml-cpp 0.7's own message and mark for a key indented less than its siblings.
    EXPECT_EQ(err_of(parse_yaml(text, "deploy.yml"), text), "deploy.yml:4:4: YAMLError: end of map not found");
}

TEST(DeployYamlTest, UnclosedFlowSequence) {
    std::string text = "a: [1, 2\n";
    EXPECT_EQ(err_of(parse_yaml(text, "x.yml"), text), "x.yml:2:1: YAMLError: end of sequence flow not found");
}

TEST(DeployYamlTest, RenderedWithCarets) {
    std::string text = "a: 1\nb: c: d\n";
    auto r = parse_yaml(text, "x.yml");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(render_error(text, r.error()), "x.yml:2:5: YAMLError: illegal map value\n    b: c: d\n        ^");
}

// ---- sh (dash's wording)

TEST(DeployShParserTest, ParsesListsPipesRedirects) {
    auto r = parse_sh("set -e\nX=1 echo \"$X\" | cat > out.txt && ls || echo no; echo done # c\n", "t.sh");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->items.size(), 3u);
    EXPECT_EQ(r->items[1].pipelines.size(), 3u);
    EXPECT_EQ(r->items[1].ops, (std::vector<std::string>{"&&", "||"}));
    EXPECT_EQ(r->items[1].pipelines[0].commands.size(), 2u);
    EXPECT_EQ(r->items[1].pipelines[0].commands[0].assigns[0].first, "X");
    EXPECT_EQ(r->items[1].pipelines[0].commands[1].redirects[0].op, ">");
    EXPECT_EQ(r->items[2].pipelines[0].commands[0].words.size(), 2u);  // the comment is dropped
}

TEST(DeployShParserTest, LineContinuation) {
    auto r = parse_sh("docker-compose \\\n  -f x.yml \\\n  up -d\n", "t.sh");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->items[0].pipelines[0].commands[0].words.size(), 5u);
}

TEST(DeployShParserTest, UnexpectedAndAnd) {
    std::string text = "echo a\n&& echo b\n";
    auto r = parse_sh(text, "deploy.sh");
    EXPECT_EQ(err_of(r, text), "deploy.sh:2:1: Syntax error: \"&&\" unexpected");
    EXPECT_EQ(sh_error_line(text, r.error()), "deploy.sh: 2: Syntax error: \"&&\" unexpected");
}

TEST(DeployShParserTest, UnterminatedQuote) {
    std::string text = "echo ok\necho \"abc\n";
    EXPECT_EQ(err_of(parse_sh(text, "deploy.sh"), text), "deploy.sh:2:6: Syntax error: Unterminated quoted string");
}

TEST(DeployShParserTest, PipeAtEndOfFile) {
    std::string text = "ls |";
    EXPECT_EQ(err_of(parse_sh(text, "sh"), text), "sh:1:5: Syntax error: end of file unexpected");
}

TEST(DeployShParserTest, RedirectWithoutTarget) {
    std::string text = "echo hi >\n";
    EXPECT_EQ(err_of(parse_sh(text, "sh"), text), "sh:1:10: Syntax error: newline unexpected");
}

TEST(DeployShParserTest, StraySemicolon) {
    std::string text = "; ls";
    EXPECT_EQ(err_of(parse_sh(text, "sh"), text), "sh:1:1: Syntax error: \";\" unexpected");
}

// ---- Dockerfile (docker build's wording)

TEST(DeployDockerfileTest, InstructionsFormsAndContinuations) {
    std::string text =
        "# syntax comment\nFROM python:3.8 AS base\nENV A=1 B=\"two words\"\nENV LEGACY value with spaces\n"
        "RUN apt-get update \\\n    # a comment inside a continuation\n    && apt-get install -y curl\n"
        "COPY --chown=app:app . /app/\nCMD [\"python\", \"manage.py\"]\nENTRYPOINT /bin/echo hi\nEXPOSE 8000 "
        "9000/udp\n";
    auto r = parse_dockerfile(text, "Dockerfile");
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    const auto& in = r->instructions;
    ASSERT_EQ(in.size(), 8u);
    EXPECT_EQ(in[0].args, (std::vector<std::string>{"python:3.8", "AS", "base"}));
    EXPECT_EQ(in[0].line, 2);
    EXPECT_EQ(in[1].args, (std::vector<std::string>{"A=1", "B=two words"}));
    EXPECT_EQ(in[2].args, (std::vector<std::string>{"LEGACY=value with spaces"}));
    EXPECT_EQ(in[3].original, "RUN apt-get update && apt-get install -y curl");
    EXPECT_EQ(in[3].line, 5);
    EXPECT_FALSE(in[3].exec_form);
    EXPECT_EQ(in[4].flags, (std::vector<std::string>{"--chown=app:app"}));
    EXPECT_TRUE(in[5].exec_form);
    EXPECT_EQ(in[5].args, (std::vector<std::string>{"python", "manage.py"}));
    EXPECT_FALSE(in[6].exec_form);
    EXPECT_EQ(in[6].args, (std::vector<std::string>{"/bin/echo hi"}));
    EXPECT_EQ(in[7].args, (std::vector<std::string>{"8000", "9000/udp"}));
}

TEST(DeployDockerfileTest, MalformedJsonIsShellForm) {
    auto r = parse_dockerfile("FROM ubuntu\nCMD [\"/bin/df\", -h]\n", "Dockerfile");
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->instructions[1].exec_form);
    EXPECT_EQ(r->instructions[1].args, (std::vector<std::string>{"[\"/bin/df\", -h]"}));
}

TEST(DeployDockerfileTest, UnknownInstruction) {
    std::string text = "FROM ubuntu\n\nFORM ubuntu\n";
    EXPECT_EQ(err_of(parse_dockerfile(text, "Dockerfile"), text),
              "Dockerfile:3:1: Error response from daemon: dockerfile parse error line 3: unknown instruction: FORM");
}

TEST(DeployDockerfileTest, FromArgumentCount) {
    std::string text = "FROM ubuntu AS\n";
    EXPECT_EQ(err_of(parse_dockerfile(text, "Dockerfile"), text),
              "Dockerfile:1:1: Error response from daemon: dockerfile parse error line 1: FROM requires either one or "
              "three arguments");
}

TEST(DeployDockerfileTest, CopyNeedsTwoArguments) {
    std::string text = "FROM ubuntu\nCOPY app\n";
    EXPECT_EQ(err_of(parse_dockerfile(text, "Dockerfile"), text),
              "Dockerfile:2:1: Error response from daemon: dockerfile parse error line 2: COPY requires at least two "
              "arguments, but only one was provided. Destination could not be determined.");
}

TEST(DeployDockerfileTest, EnvNeedsTwoArguments) {
    std::string text = "FROM ubuntu\nENV ONLYKEY\n";
    EXPECT_EQ(err_of(parse_dockerfile(text, "Dockerfile"), text),
              "Dockerfile:2:1: Error response from daemon: dockerfile parse error line 2: ENV must have two arguments");
}

TEST(DeployDockerfileTest, WorkdirExactlyOneArgument) {
    std::string text = "FROM ubuntu\nWORKDIR\n";
    EXPECT_EQ(err_of(parse_dockerfile(text, "Dockerfile"), text),
              "Dockerfile:2:1: Error response from daemon: dockerfile parse error line 2: WORKDIR requires at least "
              "one argument");
}

// ---- nginx.conf (nginx -t's wording)

TEST(DeployNginxConfTest, BlocksDirectivesQuotes) {
    std::string text =
        "upstream u { server web:8000; }\nserver {\n  listen 80;\n  location = /x { return 200 \"a b;{}\"; }\n}\n";
    auto r = parse_nginx_conf(text, "nginx.conf");
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->directives.size(), 2u);
    EXPECT_EQ(r->directives[1].block[1].args, (std::vector<std::string>{"=", "/x"}));
    EXPECT_EQ(r->directives[1].block[1].block[0].args[1], "a b;{}");
    EXPECT_EQ(r->directives[1].line, 2);
}

TEST(DeployNginxConfTest, UnexpectedCloseBrace) {
    std::string text = "server {\n    listen 80;\n}\n}\n";
    auto r = parse_nginx_conf(text, "nginx.conf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(nginx_error_line(r.error()), "nginx: [emerg] unexpected \"}\" in nginx.conf:4");
    EXPECT_EQ(line_col(text, r.error().span.offset).column, 1);
}

TEST(DeployNginxConfTest, MissingCloseBrace) {
    auto r = parse_nginx_conf("server {\n    listen 80;\n", "/etc/nginx/conf.d/nginx.conf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(nginx_error_line(r.error()),
              "nginx: [emerg] unexpected end of file, expecting \"}\" in /etc/nginx/conf.d/nginx.conf:3");
}

TEST(DeployNginxConfTest, MissingSemicolon) {
    auto r = parse_nginx_conf("server {\n    listen 80\n}\n", "nginx.conf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(nginx_error_line(r.error()), "nginx: [emerg] unexpected \"}\" in nginx.conf:3");
}

TEST(DeployNginxConfTest, DirectiveNotTerminated) {
    auto r = parse_nginx_conf("server {\n    listen 80 {\n}\n", "nginx.conf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(nginx_error_line(r.error()),
              "nginx: [emerg] directive \"listen\" is not terminated by \";\" in nginx.conf:2");
}

TEST(DeployNginxConfTest, UnknownDirective) {
    std::string text = "server {\n    lisen 80;\n}\n";
    auto r = parse_nginx_conf(text, "nginx.conf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(nginx_error_line(r.error()), "nginx: [emerg] unknown directive \"lisen\" in nginx.conf:2");
    EXPECT_EQ(line_col(text, r.error().span.offset).column, 5);
}

TEST(DeployNginxConfTest, NotAllowedHere) {
    auto r = parse_nginx_conf("proxy_pass http://web:8000;\n", "nginx.conf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(nginx_error_line(r.error()),
              "nginx: [emerg] \"proxy_pass\" directive is not allowed here in nginx.conf:1");
}

TEST(DeployNginxConfTest, NoOpeningBrace) {
    auto r = parse_nginx_conf("server;\n", "nginx.conf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(nginx_error_line(r.error()), "nginx: [emerg] directive \"server\" has no opening \"{\" in nginx.conf:1");
}

TEST(DeployNginxConfTest, InvalidNumberOfArguments) {
    auto r = parse_nginx_conf("server {\n  location {\n  }\n}\n", "nginx.conf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(nginx_error_line(r.error()),
              "nginx: [emerg] invalid number of arguments in \"location\" directive in nginx.conf:2");
}

// ---- docker-compose (1.29's wording) and GitHub Actions

TEST(DeployComposeParseTest, UnsupportedOption) {
    std::string text = "version: '3.7'\nservices:\n  web:\n    buidl: .\n";
    auto r = parse_compose(text, "./docker-compose.yml", {});
    EXPECT_EQ(err_of(r, text),
              "./docker-compose.yml:4:5: ERROR: The Compose file './docker-compose.yml' is invalid "
              "because:\nUnsupported config option for services.web: 'buidl'");
}

TEST(DeployComposeParseTest, UndefinedDependency) {
    std::string text = "services:\n  nginx:\n    image: nginx\n    depends_on: [web]\n";
    auto r = parse_compose(text, "./docker-compose.yml", {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "Service 'nginx' depends on service 'web' which is undefined.");  // compose 1.29
}

TEST(DeployWorkflowParseTest, UnexpectedKey) {
    std::string text = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    stepz: []\n";
    auto r = parse_workflow(text, ".github/workflows/deploy.yml");
    EXPECT_EQ(err_of(r, text),
              ".github/workflows/deploy.yml:5:5: Invalid workflow file: .github/workflows/deploy.yml "
              "(Line: 5, Col: 5): Unexpected value 'stepz'");
}

TEST(DeployWorkflowParseTest, YamlSyntaxError) {
    std::string text = "on: push\njobs:\n  deploy:\n    runs-on: [ubuntu\n";
    auto r = parse_workflow(text, "deploy.yml");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(
        r.error().to_string(),
        "Invalid workflow file: You have an error in your yaml syntax on line 5 (end of sequence flow not found)");
}

}  // namespace
}  // namespace gramlab::deploy
