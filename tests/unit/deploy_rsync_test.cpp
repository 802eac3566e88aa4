// rsync semantics used by burnett01/rsync-deployments (rsync(1): trailing slash, --delete,
// --exclude, mkdir of one level only).
#include <gtest/gtest.h>

#include "core/deploy/rsync.hpp"

namespace gramlab::deploy {
namespace {

std::string tree(const Fs& fs, const std::string& dir) {
    std::string out;
    for (const auto& p : fs.walk(dir)) out += p + (fs.is_dir(dir + "/" + p) ? "/" : "") + "\n";
    return out;
}

Fs source() {
    Fs src;
    src.write("/ws/app.py", "print(1)\n");
    src.write("/ws/config/scripts/deploy.sh", "echo\n");
    src.write("/ws/.git/HEAD", "ref\n");
    return src;
}

TEST(DeployRsyncTest, DeleteRemovesFilesOnlyOnTheReceiver) {
    Fs src = source(), dst;
    dst.write("/srv/app/.env", "SECRET_KEY=x\n");  // created by hand on the host
    dst.write("/srv/app/old/stale.py", "\n");
    dst.write("/srv/app/app.py", "print(0)\n");
    RsyncResult r = rsync(src, "/ws/", dst, "/srv/app/", parse_rsync_switches("-avzr --delete"));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(tree(dst, "/srv/app"), ".git/\n.git/HEAD\napp.py\nconfig/\nconfig/scripts/\nconfig/scripts/deploy.sh\n");
    EXPECT_EQ(
        r.out.substr(0, r.out.find("\nsent")),
        "sending incremental file list\ndeleting old/stale.py\ndeleting old/\ndeleting .env\n./\n.git/\n.git/HEAD\n"
        "app.py\nconfig/\nconfig/scripts/\nconfig/scripts/deploy.sh\n");
}

TEST(DeployRsyncTest, WithoutDeleteReceiverOnlyFilesStay) {
    Fs src = source(), dst;
    dst.write("/srv/app/.env", "SECRET_KEY=x\n");
    rsync(src, "/ws/", dst, "/srv/app", parse_rsync_switches("-avzr"));
    EXPECT_TRUE(dst.is_file("/srv/app/.env"));
    EXPECT_TRUE(dst.is_file("/srv/app/app.py"));
}

TEST(DeployRsyncTest, ExcludeProtectsFromDelete) {
    Fs src = source(), dst;
    dst.write("/srv/app/.env", "SECRET_KEY=x\n");
    rsync(src, "/ws/", dst, "/srv/app", parse_rsync_switches("-avzr --delete --exclude=.env --exclude=.git"));
    EXPECT_EQ(tree(dst, "/srv/app"), ".env\napp.py\nconfig/\nconfig/scripts/\nconfig/scripts/deploy.sh\n");
}

TEST(DeployRsyncTest, NoTrailingSlashCopiesTheDirectoryItself) {
    Fs src = source(), dst;
    dst.mkdir_p("/srv");
    rsync(src, "/ws", dst, "/srv", parse_rsync_switches("-a"));
    EXPECT_TRUE(dst.is_file("/srv/ws/app.py"));
}

TEST(DeployRsyncTest, CreatesOnlyOneDirectoryLevel) {
    Fs src = source(), dst;
    RsyncResult r = rsync(src, "/ws/", dst, "/home/ubuntu/srv/ubuntu/", parse_rsync_switches("-avzr --delete"));
    EXPECT_EQ(r.exit_code, 11);
    EXPECT_EQ(r.err,
              "rsync: mkdir \"/home/ubuntu/srv/ubuntu\" failed: No such file or directory (2)\n"
              "rsync error: error in file IO (code 11) at main.c(682) [Receiver=3.1.3]\n");
    dst.mkdir_p("/home/ubuntu/srv");
    EXPECT_EQ(rsync(src, "/ws/", dst, "/home/ubuntu/srv/ubuntu/", parse_rsync_switches("-avzr")).exit_code, 0);
}

TEST(DeployRsyncTest, UnchangedFilesAreNotSentAgain) {
    Fs src = source(), dst;
    dst.mkdir_p("/srv");
    rsync(src, "/ws/", dst, "/srv/app", parse_rsync_switches("-a"));
    RsyncResult again = rsync(src, "/ws/", dst, "/srv/app", parse_rsync_switches("-a"));
    EXPECT_TRUE(again.transferred.empty());
}

}  // namespace
}  // namespace gramlab::deploy
