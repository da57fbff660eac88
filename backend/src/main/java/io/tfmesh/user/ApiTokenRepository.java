package io.tfmesh.user;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

	@Query("select t from ApiToken t join fetch t.user where t.tokenHash = :hash")
	Optional<ApiToken> findByTokenHash(byte[] hash);

	List<ApiToken> findByUserOrderByCreatedAtDesc(User user);

	boolean existsByUserAndName(User user, String name);

}
