-- CreateIndex
CREATE INDEX "tickets_house_id_status_category_idx" ON "tickets"("house_id", "status", "category");
