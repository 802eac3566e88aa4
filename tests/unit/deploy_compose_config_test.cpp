// `docker-compose config` on the simulated host, table-driven: interpolation (${VAR:-default},
// ${VAR?err}, $$, .env, the shell), env_file merged into environment, and compose's normalised
// output (long port syntax, volume modes, depends_on conditions, PyYAML's quoting and folding).
// Each case cites the Compose documentation it comes from; the expected outputs were printed by
// docker-compose 1.29.2 for the same files (in a terminal, hence the ERROR:/WARNING: prefixes).
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "core/deploy/terminal.hpp"
#include "core/deploy/yaml_writer.hpp"

namespace gramlab::deploy {
namespace {

struct ConfigCase {
    const char* name;
    std::vector<std::pair<const char*, const char*>> files;  // project files
    const char* command;
    const char* out;
    const char* err;
    int exit_code;
};

const std::vector<ConfigCase> kCases = {
    // https://docs.docker.com/compose/compose-file-v3/#variable-substitution
    {"defaults",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: \"python:${PY_TAG:-3.8.3-alpine}\"\n"
       "    command: echo ${GREETING-hello} [${EMPTY-unused}]\n"}},
     "docker-compose config",
     "services:\n  web:\n    command: echo hello [unused]\n    image: python:3.8.3-alpine\n"
     "version: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#variable-substitution
    {"defaults_when_set_empty",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: \"python:${PY_TAG:-3.8.3-alpine}\"\n"
       "    command: echo ${GREETING-hello} [${EMPTY:-was-empty}]\n"}},
     "PY_TAG=3.9 GREETING= EMPTY= docker-compose config",
     "services:\n  web:\n    command: echo  [was-empty]\n    image: python:3.9\nversion: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#variable-substitution
    {"required_colon_question",
     {{"docker-compose.yml", "version: '3.8'\nservices:\n  web:\n    image: \"app:${TAG:?set TAG first}\"\n"}},
     "TAG= docker-compose config",
     "",
     "ERROR: Missing mandatory value for \"image\" option interpolating app:${TAG:?set TAG first} in service \"web\": "
     "set TAG first\n",
     1},
    // https://docs.docker.com/compose/compose-file-v3/#variable-substitution
    {"required_question_unset_only",
     {{"docker-compose.yml", "version: '3.8'\nservices:\n  web:\n    image: \"app:${TAG?set TAG first}\"\n"}},
     "TAG= docker-compose config",
     "services:\n  web:\n    image: 'app:'\nversion: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#variable-substitution
    {"required_in_list_shows_list",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n    environment:\n      - A=1\n"
       "      - MODE=${MODE?MODE is required}\n"}},
     "docker-compose config",
     "",
     "ERROR: Missing mandatory value for \"environment\" option interpolating ['A=1', 'MODE=${MODE?MODE is required}'] "
     "in service \"web\": MODE is required\n",
     1},
    // https://docs.docker.com/compose/compose-file-v3/#variable-substitution
    {"required_in_map_shows_dict",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n    environment:\n      COUNT: 3\n"
       "      A: ${X:?need X}\n"}},
     "docker-compose config",
     "",
     "ERROR: Missing mandatory value for \"environment\" option interpolating {'COUNT': 3, 'A': '${X:?need X}'} in "
     "service \"web\": need X\n",
     1},
    // https://docs.docker.com/compose/compose-file-v3/#variable-substitution
    {"invalid_format_braces",
     {{"docker-compose.yml", "version: '3.8'\nservices:\n  web:\n    image: ${ X}\n"}},
     "docker-compose config",
     "",
     "ERROR: Invalid interpolation format for \"image\" option in service \"web\": \"${ X}\"\n",
     1},
    // https://docs.docker.com/compose/compose-file-v3/#variable-substitution
    {"invalid_format_dollar_digit",
     {{"docker-compose.yml", "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n    command: echo costs $5\n"}},
     "docker-compose config",
     "",
     "ERROR: Invalid interpolation format for \"command\" option in service \"web\": \"echo costs $5\"\n",
     1},
    // https://docs.docker.com/compose/compose-file-v3/#variable-substitution
    {"dollar_escape",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n    command: sh -c 'echo $$HOME'\n"
       "    environment:\n      PRICE: \"$$5\"\n"}},
     "docker-compose config",
     "services:\n  web:\n    command: sh -c 'echo $$HOME'\n    environment:\n      PRICE: $$5\n"
     "    image: ubuntu\nversion: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/environment-variables/#the-env-file
    {"dot_env_and_shell",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: \"nginx:${NGINX_TAG}\"\n    ports:\n"
       "      - \"${PORT}:80\"\n"},
      {".env", "NGINX_TAG=1.19.0-alpine\nPORT=8080\n"}},
     "PORT=9090 docker-compose config",
     "services:\n  web:\n    image: nginx:1.19.0-alpine\n    ports:\n    - published: 9090\n"
     "      target: 80\nversion: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#env_file
    {"env_file_merged",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n    env_file:\n      - ./common.env\n"
       "      - ./web.env\n    environment:\n      - DEBUG=0\n"},
      {"common.env", "# shared\nDEBUG=1\nSECRET_KEY=abc\nDB_HOST=db\nQUOTED=\"a b\"\n"},
      {"web.env", "DB_HOST=rds.example.com\n"}},
     "docker-compose config",
     "services:\n  web:\n    environment:\n      DB_HOST: rds.example.com\n      DEBUG: '0'\n"
     "      QUOTED: a b\n      SECRET_KEY: abc\n    image: ubuntu\nversion: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#environment
    {"environment_types",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n    environment:\n"
       "      RACK_ENV: development\n      SHOW: 'true'\n      COUNT: 3\n      SECRET:\n"
       "      ANSWER: 'y'\n      EMPTY: ''\n"}},
     "SECRET=s3cr3t docker-compose config",
     "services:\n  web:\n    environment:\n      ANSWER: \"y\"\n      COUNT: 3\n      EMPTY: ''\n"
     "      RACK_ENV: development\n      SECRET: s3cr3t\n      SHOW: \"true\"\n    image: ubuntu\n"
     "version: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#command
    {"command_list_quoting",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n"
       "    command: [\"bundle\", \"exec\", \"thin\", \"-p\", \"3000\", \"--tag\", \"no\", \"a: b\", \"#x\"]\n"}},
     "docker-compose config",
     "services:\n  web:\n    command:\n    - bundle\n    - exec\n    - thin\n    - -p\n    - '3000'\n"
     "    - --tag\n    - \"no\"\n    - 'a: b'\n    - '#x'\n    image: ubuntu\nversion: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#command
    {"long_command_folds",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n"
       "    command: gunicorn config.wsgi:application --bind 0.0.0.0:8000 --workers 3 --timeout 120 --access-logfile - "
       "--error-logfile -\n"}},
     "docker-compose config",
     "services:\n  web:\n"
     "    command: gunicorn config.wsgi:application --bind 0.0.0.0:8000 --workers 3 --timeout\n"
     "      120 --access-logfile - --error-logfile -\n    image: ubuntu\nversion: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#ports
    {"ports_forms",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n    ports:\n      - 80:80\n"
       "      - \"127.0.0.1:8443:443\"\n      - 9000\n      - \"53:53/udp\"\n"
       "      - \"8000-8001:8000-8001\"\n"}},
     "docker-compose config",
     "services:\n  web:\n    image: ubuntu\n    ports:\n    - published: 80\n      target: 80\n"
     "    - 127.0.0.1:8443:443/tcp\n    - target: 9000\n    - protocol: udp\n      published: 53\n"
     "      target: 53\n    - published: 8000\n      target: 8000\n    - published: 8001\n"
     "      target: 8001\nversion: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#volumes
    {"volumes_forms",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  db:\n    image: postgres:12.0-alpine\n    volumes:\n"
       "      - postgres_data:/var/lib/postgresql/data/\n      - ./static:/app/static:ro\n"
       "      - /cache\nvolumes:\n  postgres_data:\n"}},
     "docker-compose config",
     "services:\n  db:\n    image: postgres:12.0-alpine\n    volumes:\n"
     "    - postgres_data:/var/lib/postgresql/data:rw\n"
     "    - /home/ubuntu/srv/ubuntu/static:/app/static:ro\n    - /cache\nversion: '3.8'\nvolumes:\n"
     "  postgres_data: {}\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#build
    {"build_and_depends_on",
     {{"docker-compose.yml",
       "version: '3.7'\nservices:\n  web:\n    build:\n      context: .\n"
       "      dockerfile: Dockerfile.prod\n    expose:\n      - 8000\n  nginx:\n    build: ./nginx\n"
       "    depends_on:\n      - web\n"},
      {"Dockerfile.prod", "FROM python:3.8.3-alpine\n"},
      {"nginx/Dockerfile", "FROM nginx:1.19.0-alpine\n"}},
     "docker-compose config",
     "services:\n  nginx:\n    build:\n      context: /home/ubuntu/srv/ubuntu/nginx\n"
     "    depends_on:\n      web:\n        condition: service_started\n  web:\n    build:\n"
     "      context: /home/ubuntu/srv/ubuntu\n      dockerfile: Dockerfile.prod\n    expose:\n"
     "    - 8000\nversion: '3.7'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#restart
    {"restart_values",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  a:\n    image: ubuntu\n    restart: \"no\"\n  b:\n    image: ubuntu\n"
       "    restart: on-failure:3\n  c:\n    image: ubuntu\n    restart: unless-stopped\n"}},
     "docker-compose config",
     "services:\n  a:\n    image: ubuntu\n    restart: \"no\"\n  b:\n    image: ubuntu\n"
     "    restart: on-failure:3\n  c:\n    image: ubuntu\n    restart: unless-stopped\n"
     "version: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-versioning/
    {"no_version_key",
     {{"docker-compose.yml", "services:\n  web:\n    image: ubuntu\n"}},
     "docker-compose config",
     "services:\n  web:\n    image: ubuntu\nversion: '3.9'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#service-configuration-reference
    {"other_keys_pass_through",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n    container_name: my-web\n"
       "    working_dir: /app\n    tty: true\n    labels:\n      com.example.role: web\n    networks:\n"
       "      - front\nnetworks:\n  front:\n"}},
     "docker-compose config",
     "networks:\n  front: {}\nservices:\n  web:\n    container_name: my-web\n    image: ubuntu\n"
     "    labels:\n      com.example.role: web\n    networks:\n      front: null\n    tty: true\n"
     "    working_dir: /app\nversion: '3.8'\n\n",
     "",
     0},
    // https://docs.docker.com/compose/compose-file-v3/#variable-substitution
    {"unset_variable_warning",
     {{"docker-compose.yml",
       "version: '3.8'\nservices:\n  web:\n    image: ubuntu\n    command: echo \"[${NOT_SET}]\"\n"}},
     "docker-compose config",
     "services:\n  web:\n    command: echo \"[]\"\n    image: ubuntu\nversion: '3.8'\n\n",
     "WARNING: The NOT_SET variable is not set. Defaulting to a blank string.\n",
     0},
};

class DeployComposeConfigTest : public ::testing::TestWithParam<ConfigCase> {};

TEST_P(DeployComposeConfigTest, Case) {
    const ConfigCase& c = GetParam();
    Scenario s;
    for (const auto& [path, text] : c.files) s.files[path] = text;
    Terminal t(s);
    CommandResult r = t.run(c.command);
    EXPECT_EQ(r.out, c.out);
    EXPECT_EQ(r.err, c.err);
    EXPECT_EQ(r.exit_code, c.exit_code);
}

INSTANTIATE_TEST_SUITE_P(Reference, DeployComposeConfigTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<ConfigCase>& i) { return std::string(i.param.name); });

// PyYAML's resolver (yaml.org/type, YAML 1.1): which plain scalars read back as something else
// than a string, and therefore get quoted.
TEST(DeployYamlWriterTest, Yaml11Resolver) {
    EXPECT_EQ(yaml11_resolve("3.8"), "float");
    EXPECT_EQ(yaml11_resolve("3000"), "int");
    EXPECT_EQ(yaml11_resolve("0x1F"), "int");
    EXPECT_EQ(yaml11_resolve("12:30"), "int");  // sexagesimal
    EXPECT_EQ(yaml11_resolve("yes"), "bool");
    EXPECT_EQ(yaml11_resolve("y"), "str");  // compose quotes it anyway
    EXPECT_EQ(yaml11_resolve(""), "null");
    EXPECT_EQ(yaml11_resolve("~"), "null");
    EXPECT_EQ(yaml11_resolve("2021-10-07"), "timestamp");
    EXPECT_EQ(yaml11_resolve("ubuntu"), "str");
}

TEST(DeployYamlWriterTest, BlockStyleQuotingAndEmptyCollections) {
    PyValue doc = PyValue::mapping();
    PyValue list = PyValue::list();
    list.items.push_back(PyValue::of_str("-p"));
    list.items.push_back(PyValue::of_str("it's"));
    list.items.push_back(PyValue::of_str(" lead"));
    PyValue nested = PyValue::mapping();
    nested.set("target", PyValue::of_int(80));
    nested.set("published", PyValue::of_int(8080));
    list.items.push_back(nested);
    doc.set("z", list);
    doc.set("a", PyValue::mapping());
    doc.set("m", PyValue::of_bool(true));
    doc.set("n", PyValue::none());
    EXPECT_EQ(pyyaml_dump(doc),
              "a: {}\nm: true\nn: null\nz:\n- -p\n- it's\n- ' lead'\n- published: 8080\n  target: 80\n");
}

}  // namespace
}  // namespace gramlab::deploy
