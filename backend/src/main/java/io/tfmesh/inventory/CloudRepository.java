package io.tfmesh.inventory;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CloudRepository extends JpaRepository<Cloud, Long> {

	Optional<Cloud> findByName(String name);

	@Query("""
			select c from Cloud c where lower(c.name) like :pattern escape '\\'
			or lower(c.region) like :pattern escape '\\'""")
	Page<Cloud> search(String pattern, Pageable pageable);

}
