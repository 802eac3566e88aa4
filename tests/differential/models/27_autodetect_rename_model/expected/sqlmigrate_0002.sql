BEGIN;
--
-- Rename model Writer to Author
--
ALTER TABLE "app_writer" RENAME TO "app_author";
CREATE TABLE "new__app_article" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "writer_id" bigint NOT NULL REFERENCES "app_author" ("id") DEFERRABLE INITIALLY DEFERRED, "title" varchar(100) NOT NULL);
INSERT INTO "new__app_article" ("id", "title", "writer_id") SELECT "id", "title", "writer_id" FROM "app_article";
DROP TABLE "app_article";
ALTER TABLE "new__app_article" RENAME TO "app_article";
CREATE INDEX "app_article_writer_id_c0e8f471" ON "app_article" ("writer_id");
COMMIT;
