package org.smartcustoms.server.travel;

import org.smartcustoms.travel.TravellerProfile;

/**
 * Published inside the transaction in which an officer records the result of a traveller sent to the counter whose
 * passenger-data facts were kept: {@link TravellerLearning} adds it to the learned profile once the transaction commits.
 */
record TravellerResultLabelled(TravellerProfile.Result result) { }
