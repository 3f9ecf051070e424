-- Each item's count of answers (skips excluded), kept by the queue in the transaction that adds or
-- removes an answer, so finding a free item and the progress line no longer count answers per item.
ALTER TABLE items ADD COLUMN answer_count INTEGER NOT NULL DEFAULT 0;

UPDATE items SET answer_count = (SELECT COUNT(*) FROM answers a WHERE a.item_id = items.id AND a.answer IS NOT NULL);

CREATE INDEX items_open ON items (project_id, answer_count);
