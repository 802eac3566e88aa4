BEGIN;
--
-- Create model Author
--
CREATE TABLE "authors" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "first_name" varchar(30) NOT NULL, "last_name" varchar(30) NOT NULL, "born" date NULL);
--
-- Create model Book
--
CREATE TABLE "app_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "edition" integer NOT NULL, "published" date NOT NULL, "author_id" bigint NOT NULL REFERENCES "authors" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX "authors_first_name_last_name_e5694fa5_uniq" ON "authors" ("first_name", "last_name");
CREATE UNIQUE INDEX "app_book_title_published_27e846da_uniq" ON "app_book" ("title", "published");
CREATE UNIQUE INDEX "app_book_author_id_title_edition_066ec5e6_uniq" ON "app_book" ("author_id", "title", "edition");
CREATE INDEX "app_book_author_id_980d3e25" ON "app_book" ("author_id");
CREATE INDEX "app_book_title_published_27e846da_idx" ON "app_book" ("title", "published");
COMMIT;
