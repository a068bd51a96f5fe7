package org.smartcustoms.server.travel;

import java.time.ZoneId;

import org.smartcustoms.travel.AllowanceTable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The travel capability's settings ({@code smartcustoms.travel.*}): the allowance and flat-rate table (default
 * Japan's), the airport's time zone, how long before arrival a code is valid, the share of travellers selected at
 * random at the gate, the retention of records without a hit and the public endpoints' rate limit.
 */
@Component
class TravelSettings {
    final AllowanceTable allowances;
    final ZoneId zone;
    final int validHoursBefore;
    final int retentionDays;
    final int publicRequestsPerMinute;
    private volatile double randomShare;

    TravelSettings(@Value("${smartcustoms.travel.currency:JPY}") String currency,
                   @Value("${smartcustoms.travel.allowance.alcohol-bottles:3}") int bottles,
                   @Value("${smartcustoms.travel.allowance.bottle-ml:760}") int bottleMl,
                   @Value("${smartcustoms.travel.allowance.cigarettes:200}") int cigarettes,
                   @Value("${smartcustoms.travel.allowance.perfume-oz:2}") int perfume,
                   @Value("${smartcustoms.travel.allowance.other-goods:200000}") long other,
                   @Value("${smartcustoms.travel.allowance.adult-age:20}") int adultAge,
                   @Value("${smartcustoms.travel.rate.alcohol-per-litre:800}") long alcoholRate,
                   @Value("${smartcustoms.travel.rate.per-cigarette:15}") long tobaccoRate,
                   @Value("${smartcustoms.travel.rate.other-goods:0.15}") double otherRate,
                   @Value("${smartcustoms.travel.zone:Asia/Tokyo}") String zone,
                   @Value("${smartcustoms.travel.valid-hours-before-arrival:72}") int validHoursBefore,
                   @Value("${smartcustoms.travel.random-share:0.02}") double randomShare,
                   @Value("${smartcustoms.travel.retention-days:30}") int retentionDays,
                   @Value("${smartcustoms.travel.public-requests-per-minute:120}") int perMinute) {
        this.allowances = new AllowanceTable(currency, bottles, bottleMl, cigarettes, perfume, other, adultAge, alcoholRate,
                tobaccoRate, otherRate);
        this.zone = ZoneId.of(zone);
        if (validHoursBefore < 1 || retentionDays < 1 || perMinute < 1) {
            throw new IllegalArgumentException("smartcustoms.travel: hours, retention days and the rate limit must be positive");
        }
        this.validHoursBefore = validHoursBefore;
        this.retentionDays = retentionDays;
        this.publicRequestsPerMinute = perMinute;
        setRandomShare(randomShare);
    }

    double randomShare() {
        return randomShare;
    }

    /** Changes the random selection share at run time (between 0 and 1). */
    void setRandomShare(double share) {
        if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("random share must be between 0 and 1");
        this.randomShare = share;
    }
}
