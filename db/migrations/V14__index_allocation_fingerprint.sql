-- Allocating reads the number of a mesh's blocks and their highest id before each use of the
-- address space it keeps in memory: one index probe for the highest, an index-only count.
CREATE INDEX allocation_mesh_id_idx ON allocation (mesh_id, id);
