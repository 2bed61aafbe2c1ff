"""Running a campaign: provisioning emails, sending each case, shrinking what fails."""
