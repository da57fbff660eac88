package io.tfmesh.system.security;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Ties each dashboard session to the state of its account at login, as an {@link AccountStamp}
 * kept in the session. A session whose account's stamp has changed since belongs to nobody.
 */
public class AccountSessions {

	static final String STAMP = AccountSessions.class.getName() + ".STAMP";

	private final UserDetailsService accounts;

	AccountSessions(UserDetailsService accounts) {
		this.accounts = accounts;
	}

	/**
	 * Keeps the caller's own session after the caller changed its own account (its password):
	 * the change ends every other session of the account, not the one that made it.
	 */
	public void keepCurrentSession(HttpServletRequest request) {
		if (request.getUserPrincipal() != null) {
			stamp(request, request.getUserPrincipal().getName());
		}
	}

	/** Remembers the account's current stamp in the session that has just logged in. */
	void stamp(HttpServletRequest request, String username) {
		String stamp = currentStamp(username);
		HttpSession session = request.getSession(false);
		if (session != null && stamp != null) {
			session.setAttribute(STAMP, stamp);
		}
	}

	/** Whether the session still belongs to the account it logged in as. */
	boolean isCurrent(HttpSession session, String username) {
		Object stamped = session.getAttribute(STAMP);
		return stamped != null && Objects.equals(stamped, currentStamp(username));
	}

	private @Nullable String currentStamp(String username) {
		try {
			UserDetails account = accounts.loadUserByUsername(username);
			return account.isEnabled() ? AccountStamp.of(account) : null;
		}
		catch (UsernameNotFoundException ex) {
			return null;
		}
	}

}
