// The base images the simulator knows, with the filesystems and configs (CMD/ENTRYPOINT/ENV/
// WORKDIR) their official Dockerfiles give them: ubuntu/debian CMD ["bash"], python CMD
// ["python3"], nginx ENTRYPOINT ["/docker-entrypoint.sh"] CMD ["nginx","-g","daemon off;"], ...
#include "core/deploy/docker.hpp"

namespace gramlab::deploy {

namespace {

void add_bins(Fs& fs, const std::string& dir, std::initializer_list<const char*> names) {
    for (const char* n : names) fs.write(dir + "/" + n, std::string("#!sim:") + n + "\n");
}

Fs base_fs(bool alpine) {
    Fs fs;
    for (const char* d :
         {"/bin", "/etc", "/home", "/root", "/tmp", "/usr/bin", "/usr/local/bin", "/usr/sbin", "/var", "/dev", "/proc"})
        fs.mkdir_p(d);
    add_bins(fs, "/bin",
             {"sh", "cat", "cp", "df", "echo", "ls", "mkdir", "mv", "ps", "pwd", "rm", "sleep", "touch", "chmod",
              "chown", "hostname", "sync"});
    add_bins(fs, "/usr/bin", {"env", "printenv", "whoami"});
    if (alpine) {
        fs.write("/bin/busybox", "#!sim:sh\n");
        add_bins(fs, "/sbin", {"apk"});
        fs.write("/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.11.6\n");
    } else {
        add_bins(fs, "/bin", {"bash", "dash"});
        add_bins(fs, "/usr/bin", {"apt-get"});
        fs.write("/etc/os-release", "PRETTY_NAME=\"Ubuntu 20.04.3 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"20.04\"\n");
    }
    return fs;
}

struct Known {
    const char* prefix;  // matched against "name:tag"
    const char* id;
};

}  // namespace

std::string pull_image(World& w, const std::string& ref_in, Io* io) {
    std::string ref = ref_in.find(':') == std::string::npos ? ref_in + ":latest" : ref_in;
    std::string have = w.find_image(ref);
    if (!have.empty()) return have;
    std::string name = ref.substr(0, ref.find(':'));
    std::string tag = ref.substr(ref.find(':') + 1);
    Image img;
    img.tags = {ref};
    img.created_by = "pulled " + ref;
    ImageConfig& c = img.config;
    c.env = {{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}};
    bool alpine = tag.find("alpine") != std::string::npos || name == "alpine";
    if (name == "ubuntu" || name == "debian") {
        img.fs = base_fs(false);
        c.cmd = {"bash"};
    } else if (name == "alpine") {
        img.fs = base_fs(true);
        c.cmd = {"/bin/sh"};
    } else if (name == "python") {
        img.fs = base_fs(alpine);
        add_bins(img.fs, "/usr/local/bin", {"python", "python3", "pip", "pip3"});
        std::string ver = tag.substr(0, tag.find('-'));
        if (ver == "latest") ver = "3.9.7";
        c.env.push_back({"LANG", "C.UTF-8"});
        c.env.push_back({"PYTHON_VERSION", ver});
        c.cmd = {"python3"};
    } else if (name == "nginx") {
        img.fs = base_fs(alpine);
        add_bins(img.fs, "/usr/sbin", {"nginx"});
        img.fs.write("/docker-entrypoint.sh", "#!sim:docker-entrypoint-nginx\n");
        img.fs.mkdir_p("/docker-entrypoint.d");
        img.fs.write(
            "/etc/nginx/nginx.conf",
            "user  nginx;\nworker_processes  1;\n\nerror_log  /var/log/nginx/error.log warn;\npid        "
            "/var/run/nginx.pid;\n\n"
            "events {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n"
            "    default_type  application/octet-stream;\n    sendfile        on;\n    keepalive_timeout  65;\n"
            "    include /etc/nginx/conf.d/*.conf;\n}\n");
        img.fs.write("/etc/nginx/mime.types", "types {\n    text/html html;\n    application/json json;\n}\n");
        img.fs.write("/etc/nginx/conf.d/default.conf",
                     "server {\n    listen       80;\n    server_name  localhost;\n\n    location / {\n"
                     "        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n");
        img.fs.write("/usr/share/nginx/html/index.html", "<h1>Welcome to nginx!</h1>\n");
        c.env.push_back(
            {"NGINX_VERSION", tag.substr(0, tag.find('-')) == "latest" ? "1.21.3" : tag.substr(0, tag.find('-'))});
        c.entrypoint = {"/docker-entrypoint.sh"};
        c.cmd = {"nginx", "-g", "daemon off;"};
        c.exposed_ports = {"80/tcp"};
    } else if (name == "postgres") {
        img.fs = base_fs(alpine);
        add_bins(img.fs, "/usr/local/bin", {"postgres"});
        img.fs.write("/usr/local/bin/docker-entrypoint.sh", "#!/bin/sh\nexec \"$@\"\n");
        c.env.push_back({"PGDATA", "/var/lib/postgresql/data"});
        c.entrypoint = {"docker-entrypoint.sh"};
        c.cmd = {"postgres"};
        c.exposed_ports = {"5432/tcp"};
    } else {
        return "";
    }
    img.id = content_hash("base:" + ref).substr(0, 12);
    if (io) {
        io->out.write(tag + ": Pulling from library/" + name + "\n");
        io->out.write(content_hash("layer:" + ref).substr(0, 12) + ": Pull complete\n");
        io->out.write("Digest: sha256:" + content_hash("digest:" + ref) + content_hash("digest2:" + ref) + "\n");
        io->out.write("Status: Downloaded newer image for " + ref + "\n");
    }
    w.images[img.id] = img;
    return img.id;
}

}  // namespace gramlab::deploy
