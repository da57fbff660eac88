package io.tfmesh.user;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface UserRepository extends JpaRepository<User, Long> {

	Optional<User> findByUsername(String username);

	boolean existsByUsername(String username);

	/**
	 * The enabled users of a role, locked until the end of the transaction: two transactions
	 * that each take away one of the last two admins wait for each other here, and the second
	 * one sees what the first committed.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.role = :role and u.enabled = true order by u.id")
	List<User> lockEnabled(Role role);

	@Query("select u from User u where lower(u.username) like :pattern escape '\\'")
	Page<User> search(String pattern, Pageable pageable);

}
