"""What a meeting is planned to be: templates and case files read into a frozen `MeetingPlan`."""
