package io.tfmesh.user;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Looks users up for form login and HTTP Basic. Each user holds the one authority of its role;
 * what that role includes is the role hierarchy's business.
 */
@Service
public class AccountDetailsService implements UserDetailsService {

	private final UserRepository users;

	AccountDetailsService(UserRepository users) {
		this.users = users;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		return users.findByUsername(username)
			.map(AccountDetailsService::details)
			.orElseThrow(() -> new UsernameNotFoundException("No user " + username));
	}

	static UserDetails details(User user) {
		return org.springframework.security.core.userdetails.User.withUsername(user.getUsername())
			.password(user.getPasswordHash())
			.disabled(!user.isEnabled())
			.authorities(user.getRole().authority())
			.build();
	}

}
