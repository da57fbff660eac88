-- A plan can also come from a diagnosis's proposed fix, for a cluster that belongs to no mesh:
-- such a plan has no mesh name. origin says which finding it came from (code, node, cause and
-- the fix proposed), null for a plan computed from a mesh's desired state.
ALTER TABLE plan ALTER COLUMN mesh_name DROP NOT NULL;
ALTER TABLE plan ADD COLUMN origin jsonb;
