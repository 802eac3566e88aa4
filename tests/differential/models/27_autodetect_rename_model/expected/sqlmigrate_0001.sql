BEGIN;
--
-- Create model Writer
--
CREATE TABLE "app_writer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
--
-- Create model Article
--
CREATE TABLE "app_article" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "writer_id" bigint NOT NULL REFERENCES "app_writer" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_article_writer_id_c0e8f471" ON "app_article" ("writer_id");
COMMIT;
