-- CreateIndex
CREATE INDEX "tickets_house_id_created_at_id_idx" ON "tickets"("house_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "tickets_created_at_id_idx" ON "tickets"("created_at", "id");

-- CreateIndex
CREATE INDEX "tickets_updated_at_idx" ON "tickets"("updated_at");
