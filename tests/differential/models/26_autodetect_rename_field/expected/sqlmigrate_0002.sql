BEGIN;
--
-- Rename field writer on post to author_name
--
ALTER TABLE "app_post" RENAME COLUMN "writer" TO "author_name";
--
-- Rename field numOfLike on post to like_count
--
ALTER TABLE "app_post" RENAME COLUMN "numOfLike" TO "like_count";
COMMIT;
