-- How often each mesh's blocks changed, counted by PostgreSQL whoever changes them: tfmesh,
-- the cascades of deleted clusters and clouds, or another program. Allocating checks the
-- address space it keeps in memory against this one row instead of counting the mesh's blocks.
CREATE TABLE allocation_changes (
    mesh_id bigint PRIMARY KEY REFERENCES mesh (id) ON DELETE CASCADE,
    changes bigint NOT NULL DEFAULT 0
);

INSERT INTO allocation_changes (mesh_id) SELECT id FROM mesh;

CREATE FUNCTION allocation_changes_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO allocation_changes (mesh_id) VALUES (NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER mesh_allocation_changes AFTER INSERT ON mesh
    FOR EACH ROW EXECUTE FUNCTION allocation_changes_start();

-- once per statement, so that a batch of thousands of blocks updates each mesh's row once
CREATE FUNCTION allocation_changes_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE allocation_changes c SET changes = c.changes + d.n
    FROM (SELECT mesh_id, count(*) AS n FROM changed GROUP BY mesh_id) d
    WHERE c.mesh_id = d.mesh_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER allocation_inserted AFTER INSERT ON allocation
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION allocation_changes_count();

CREATE TRIGGER allocation_deleted AFTER DELETE ON allocation
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION allocation_changes_count();

-- blocks are never updated by tfmesh; another program's update counts for the mesh it left and the one it joined
CREATE TRIGGER allocation_updated_from AFTER UPDATE ON allocation
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION allocation_changes_count();

CREATE TRIGGER allocation_updated_to AFTER UPDATE ON allocation
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION allocation_changes_count();
