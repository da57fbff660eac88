package io.tfmesh.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ClusterRepository extends JpaRepository<Cluster, Long> {

	Optional<Cluster> findByName(String name);

	long countByCloudId(Long cloudId);

	@Query("select c.name from Cluster c where c.cloud.id = :cloudId order by c.name")
	List<String> findNamesByCloudId(Long cloudId);

	@Query("select c.cloud.id, count(c) from Cluster c where c.cloud.id in :cloudIds group by c.cloud.id")
	List<Object[]> countByCloudIds(Collection<Long> cloudIds);

	@Query("""
			select c from Cluster c join c.cloud cloud
			where (:cloudId is null or cloud.id = :cloudId)
			and (lower(c.name) like :pattern escape '\\' or lower(cloud.name) like :pattern escape '\\'
			or lower(c.tfClusterName) like :pattern escape '\\')""")
	Page<Cluster> search(String pattern, Long cloudId, Pageable pageable);

}
