-- CreateTable
CREATE TABLE "house_spendings" (
    "id" TEXT NOT NULL,
    "house_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "title" TEXT NOT NULL,
    "contractor" TEXT,
    "amount_kopecks" BIGINT NOT NULL,
    "document_storage_key" TEXT,
    "document_mime_type" TEXT,
    "document_file_name" TEXT,
    "created_by_staff_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "house_spendings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "house_spendings_house_id_date_idx" ON "house_spendings"("house_id", "date");

-- CreateIndex
CREATE INDEX "house_spendings_created_by_staff_id_idx" ON "house_spendings"("created_by_staff_id");

-- AddForeignKey
ALTER TABLE "house_spendings" ADD CONSTRAINT "house_spendings_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "house_spendings" ADD CONSTRAINT "house_spendings_created_by_staff_id_fkey" FOREIGN KEY ("created_by_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- A spending line is money paid out, so it is positive; a mistake is corrected by editing the line (audited).
ALTER TABLE "house_spendings" ADD CONSTRAINT "house_spendings_amount_check" CHECK ("amount_kopecks" > 0);
